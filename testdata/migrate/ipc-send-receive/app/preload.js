const { ipcRenderer } = require('electron')

// The editor talks to main through this object.
window.api = {
  send: (channel, data) => {
    ipcRenderer.send(channel, data)
  },
  receive: (channel, func) => {
    // Strip the event: the page only needs the payload.
    ipcRenderer.on(channel, (event, ...args) => func(...args))
  },
  platform: process.platform
}
