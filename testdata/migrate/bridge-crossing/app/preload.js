const { ipcRenderer } = require('electron')
const path = require('path')

class Recording {
  constructor (id) { this.id = id }
  stop () { return ipcRenderer.invoke('recording:stop', this.id) }
}

// The conference page hands its player object over; the preload wires it to the main process.
window.room = {
  attach: (player, options) => {
    player.on('screen-share', () => ipcRenderer.send('room:share', options.id))
    return player.getFrame()
  },
  watch: (button) => button.addEventListener('click', () => ipcRenderer.send('room:clicked')),
  join: (name) => ipcRenderer.invoke('room:join', name.trim()),
}

window.recorder = {
  start: async (id) => {
    await ipcRenderer.invoke('recording:start', id)
    return new Recording(id)
  },
}

window.settings = require('./lib/settings')
window.crashes = require('crash-reporter-kit')
window.paths = path
