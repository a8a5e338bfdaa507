const { contextBridge, ipcRenderer } = require('electron')

contextBridge.exposeInMainWorld('api', {
  loadPrefs: () => ipcRenderer.invoke('load-prefs'),
  onThemeChanged: (callback) => {
    ipcRenderer.on('theme-changed', callback)
    return () => ipcRenderer.removeAllListeners('theme-changed')
  },
  onSaved: (callback) => {
    const listener = (event, ...args) => callback(event, ...args)
    ipcRenderer.on('saved', listener)
    return () => ipcRenderer.removeListener('saved', listener)
  },
})
