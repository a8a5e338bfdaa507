const { contextBridge, ipcRenderer } = require('electron')

const state = { theme: 'light', recent: [] }

contextBridge.exposeInMainWorld('prefs', state)

ipcRenderer.on('theme-changed', (_event, theme) => {
  state.theme = theme
  state.recent.push(theme)
})
