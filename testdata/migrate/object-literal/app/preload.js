// Bridge between the notes page and the main process.
const { ipcRenderer } = require('electron')

window.notes = {
  // Lists the saved notes.
  list: () => ipcRenderer.invoke('notes:list'),
  save: (name, text) => ipcRenderer.send('notes:save', name, text),
  onSaved: (callback) => {
    ipcRenderer.on('notes:saved', (_event, name) => callback(name))
  },
  version: '1.4.0'
}
