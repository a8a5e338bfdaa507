const { ipcRenderer } = require('electron')

window.clock = {
  onTick: (callback) => ipcRenderer.on('tick', (_event, time) => callback(time))
}
