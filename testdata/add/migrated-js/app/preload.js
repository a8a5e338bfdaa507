// Bridge between the notes page and the main process.
const { contextBridge, ipcRenderer } = require('electron');

contextBridge.exposeInMainWorld('notes', {
  // Lists the saved notes.
  list: () => ipcRenderer.invoke('notes:list'),
  save: (name, text) => ipcRenderer.send('notes:save', name, text),
  onSaved: (callback) => {
    const listener = (_event, name) => callback(name);
    ipcRenderer.on('notes:saved', listener);
    return () => ipcRenderer.removeListener('notes:saved', listener);
  },
});
