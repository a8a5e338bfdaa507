const { ipcRenderer } = require('electron')

window.preview = {
  ready: () => ipcRenderer.send('preview:ready')
}
