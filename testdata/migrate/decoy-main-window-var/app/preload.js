const { contextBridge, ipcRenderer } = require('electron')

contextBridge.exposeInMainWorld('timer', {
  start: (minutes) => ipcRenderer.invoke('timer:start', minutes),
  onReady: (callback) => {
    const listener = () => callback()
    ipcRenderer.on('timer:ready', listener)
    return () => ipcRenderer.removeListener('timer:ready', listener)
  }
})
