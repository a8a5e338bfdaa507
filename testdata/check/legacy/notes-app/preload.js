const { ipcRenderer, remote } = require('electron')

window.notes = {
  save: (note) => ipcRenderer.send('save-note', note),
  list: () => ipcRenderer.invoke('list-notes'),
  on: (channel, callback) => ipcRenderer.on(channel, callback),
}
window.dialog = remote.dialog
