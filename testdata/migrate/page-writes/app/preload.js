const { ipcRenderer } = require('electron')

window.pad = {
  save: (text) => ipcRenderer.invoke('pad:save', text),
  prefs: { font: 'serif', size: 14 }
}
