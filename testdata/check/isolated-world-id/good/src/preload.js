const { contextBridge, ipcRenderer } = require('electron')

contextBridge.exposeInMainWorld('api', {
  loadPrefs: () => ipcRenderer.invoke('load-prefs'),
  onThemeChanged: (callback) => {
    const listener = (_event, theme) => callback(theme)
    ipcRenderer.on('theme-changed', listener)
    return () => ipcRenderer.removeListener('theme-changed', listener)
  },
})

contextBridge.exposeInIsolatedWorld(1004, 'tools', { version: () => '1.0' })
contextBridge.exposeInIsolatedWorld(999, 'preloadTools', { version: () => '1.0' })
