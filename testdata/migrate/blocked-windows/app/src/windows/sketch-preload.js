const { ipcRenderer } = require('electron')
const { installTools } = require('./tools')

// The tools module decides what it puts on the page.
installTools(window, ipcRenderer)
