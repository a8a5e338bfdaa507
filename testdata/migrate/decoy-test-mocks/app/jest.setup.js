// Page tests run without the preload: give them a window.budget and an ipcRenderer.
window.budget = { total: () => Promise.resolve(42) }
window.ipcRenderer = require('electron').ipcRenderer
