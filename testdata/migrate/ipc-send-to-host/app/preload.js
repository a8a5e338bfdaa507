const { ipcRenderer } = require('electron')

// The docs page is also shown inside a <webview> of the editor, which listens for 'ipc-message'.
window.docs = {
  report: (channel, ...args) => ipcRenderer.send(channel, ...args),
  toHost: (channel, ...args) => ipcRenderer.sendToHost(channel, ...args)
}
