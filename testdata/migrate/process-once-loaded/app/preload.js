const electron = require('electron')

const ipc = electron.ipcRenderer
const appVersion = '2.1.0'

function fetchFolder (folder) {
  return ipc.invoke('mail:fetch', folder)
}

process.once('loaded', () => {
  // What the inbox page may call.
  global.mail = {
    fetch: fetchFolder,
    unreadCount: () => ipc.sendSync('mail:unread-count'),
    onNewMail (callback) {
      ipc.on('mail:new', (event, message) => callback(message))
    }
  }
  global.appInfo = { version: appVersion, platform: process.platform }
})
