const { ipcRenderer } = require('electron')

window.editor = {
  save: (text) => ipcRenderer.invoke('editor:save', text)
}
