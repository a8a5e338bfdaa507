// The preload under test, with its window assignments mocked.
const { ipcRenderer } = require('electron')
window.api = { ping: () => ipcRenderer.invoke('ping') }
describe('preload', () => {
  it('exposes budget', () => {
    require('../src/preload.js')
    expect(global.budget).toBeDefined()
  })
})
