const { contextBridge, ipcRenderer } = require('electron')

contextBridge.exposeInMainWorld('api', {
  loadPrefs: () => ipcRenderer.invoke('load-prefs'),
  onThemeChanged: (callback) => ipcRenderer.on('theme-changed', (_event, theme) => callback(theme)),
  offThemeChanged: (callback) => ipcRenderer.removeListener('theme-changed', callback),
})
