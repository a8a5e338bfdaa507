const { ipcRenderer } = require('electron')

// Electron has no prompt(): answer it from the main process.
window.prompt = (message, value) => ipcRenderer.sendSync('prompt', message, value)

Object.defineProperty(navigator, 'language', { get: () => 'de-DE' })

window.addEventListener('load', () => {
  const user = window.intranetConfig.user
  ipcRenderer.send('user', user)
  $('#logout').on('click', () => ipcRenderer.send('logout'))
})

window.shell = { version: '5.1.0' }
