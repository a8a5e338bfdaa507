const { contextBridge, ipcRenderer } = require('electron')

contextBridge.exposeInMainWorld('api', {
  loadPrefs: () => ipcRenderer.invoke('load-prefs'),
  onThemeChanged: (callback) => {
    const listener = (_event, theme) => callback(theme)
    ipcRenderer.on('theme-changed', listener)
    return () => ipcRenderer.removeListener('theme-changed', listener)
  },
})

const banner = 'Offline'

contextBridge.executeInMainWorld({
  func: () => {
    document.title = `${document.title} (${banner})`
  },
})
