const { ipcRenderer } = require('electron')
const { EventEmitter } = require('events')

class Synth {
  constructor () { this.volume = 0.8 }
  play (note) { ipcRenderer.send('synth:play', note, this.volume) }
}

const state = { preset: 'piano', history: [] }
ipcRenderer.on('synth:preset', (_event, name) => {
  state.preset = name
})

window.synth = new Synth()
window.Synth = Synth
window.events = new EventEmitter()
window.settings = new Proxy({}, { get: (_target, key) => ipcRenderer.sendSync('settings:get', key) })
window.secret = Symbol('secret')
window.state = state
window.pad = {
  get connected () { return ipcRenderer.sendSync('pad:connected') },
  volume: 0.8,
  louder () { this.volume += 0.1 },
  [Symbol.iterator]: function * () { yield 'C'; yield 'E' },
  ready: Promise.resolve(true),
  created: new Date(0)
}
