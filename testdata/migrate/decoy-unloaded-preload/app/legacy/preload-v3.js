// The 3.x preload, kept for reference while 4.x settles. No window loads it.
const { ipcRenderer } = require('electron')

window.feeds = { list: () => ipcRenderer.sendSync('feeds:list') }
window.ipcRenderer = ipcRenderer
