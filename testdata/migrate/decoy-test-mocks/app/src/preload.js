const { contextBridge, ipcRenderer } = require('electron')

contextBridge.exposeInMainWorld('budget', {
  total: () => ipcRenderer.invoke('budget:total')
})
