const { ipcRenderer } = require('electron')

class Settings {
  get (key) { return ipcRenderer.sendSync('settings:get', key) }
  set (key, value) { ipcRenderer.send('settings:set', key, value) }
}

module.exports = new Settings()
