const { ipcRenderer } = require('electron')

window.timer = {
  start: (minutes) => ipcRenderer.send('timer:start', minutes),
}
