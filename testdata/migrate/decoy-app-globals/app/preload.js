const { contextBridge, ipcRenderer } = require('electron')

contextBridge.exposeInMainWorld('board', { load: () => ipcRenderer.invoke('board:load') })
