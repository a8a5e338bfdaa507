const { ipcRenderer } = require('electron')

// The chat page talks to main directly.
window.ipcRenderer = ipcRenderer
window.chat = {
  send: (text) => ipcRenderer.send('chat:send', text),
  raw: ipcRenderer
}
