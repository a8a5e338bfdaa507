const { ipcRenderer } = require('electron')

// The page and its components talk to the main process directly.
window.ipcRenderer = ipcRenderer
