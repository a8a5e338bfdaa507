const { contextBridge, ipcRenderer } = require('electron')

contextBridge.exposeInMainWorld('timer', {
  presets: () => ipcRenderer.invoke('timer:presets'),
})
