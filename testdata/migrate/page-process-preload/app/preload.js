const { ipcRenderer } = require('electron')

window.notes = {
  list: () => ipcRenderer.invoke('notes:list'),
  open: (name) => ipcRenderer.send('notes:open', name)
}
