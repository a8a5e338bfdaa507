const { ipcRenderer } = require('electron')
window.addEventListener('load', () => ipcRenderer.sendToHost('ready', document.title))
window.recipe = { version: 1 }
