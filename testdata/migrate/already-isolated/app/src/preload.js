const { contextBridge, ipcRenderer } = require('electron')

contextBridge.exposeInMainWorld('clipboardHistory', {
  list: () => ipcRenderer.invoke('history:list')
})
