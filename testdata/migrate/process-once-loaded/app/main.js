const electron = require('electron')
const path = require('path')

const { app, BrowserWindow, ipcMain } = electron

function openInbox () {
  const inbox = new BrowserWindow({
    width: 1200,
    height: 800,
    webPreferences: {
      nodeIntegration: false,
      contextIsolation: false,
      preload: `${__dirname}/preload.js`
    }
  })
  inbox.loadFile(path.join(__dirname, 'inbox.html'))
}

ipcMain.on('mail:unread-count', (event) => {
  event.returnValue = 3
})
ipcMain.handle('mail:fetch', async (event, folder) => [{ folder, subject: 'Welcome' }])

app.on('ready', openInbox)
