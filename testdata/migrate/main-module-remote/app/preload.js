const { ipcRenderer } = require('electron')

window.notes = { backup: (text) => ipcRenderer.send('backup', text) }
