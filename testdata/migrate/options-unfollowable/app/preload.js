const { contextBridge, ipcRenderer } = require('electron')

contextBridge.exposeInMainWorld('editor', { save: (text) => ipcRenderer.invoke('editor:save', text) })
