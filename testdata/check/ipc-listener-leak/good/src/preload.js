const { contextBridge, ipcRenderer } = require('electron')

contextBridge.exposeInMainWorld('api', {
  onceReady: (callback) => ipcRenderer.once('ready', () => callback()),
  loadPrefs: () => ipcRenderer.invoke('load-prefs'),
  onThemeChanged: (callback) => {
    const listener = (_event, theme) => callback(theme)
    ipcRenderer.on('theme-changed', listener)
    return () => ipcRenderer.removeListener('theme-changed', listener)
  },
})
