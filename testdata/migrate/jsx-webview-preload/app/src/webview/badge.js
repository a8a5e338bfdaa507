const { ipcRenderer } = require('electron')
setInterval(() => ipcRenderer.sendToHost('badge', document.querySelectorAll('.unread').length), 1000)
window.badgeVersion = 2
