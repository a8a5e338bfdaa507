// A preload no window loads any more.
const { ipcRenderer } = require('electron')
window.ipc = ipcRenderer
