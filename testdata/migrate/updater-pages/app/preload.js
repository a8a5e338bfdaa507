const { ipcRenderer } = require('electron')

window.updates = {
  check: () => ipcRenderer.send('check-for-updates')
}
