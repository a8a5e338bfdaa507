// Give the player UI direct access to IPC.
window.ipcRenderer = require('electron').ipcRenderer
