const { ipcRenderer } = require('electron')

global.ipcRenderer = ipcRenderer
