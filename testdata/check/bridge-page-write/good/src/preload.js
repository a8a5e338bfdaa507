const { contextBridge, ipcRenderer } = require('electron')

contextBridge.exposeInMainWorld('prefs', {
  load: () => ipcRenderer.invoke('load-prefs'),
})
