const { contextBridge, ipcRenderer } = require('electron')

contextBridge.exposeInMainWorld('feeds', { list: () => ipcRenderer.invoke('feeds:list') })
