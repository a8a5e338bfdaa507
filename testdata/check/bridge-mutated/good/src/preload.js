const { contextBridge, ipcRenderer } = require('electron')

const state = { theme: 'light' }
state.theme = 'dark' // set before it is exposed: the copy has it

contextBridge.exposeInMainWorld('prefs', {
  theme: () => state.theme,
})

ipcRenderer.on('theme-changed', (_event, theme) => {
  state.theme = theme
})
