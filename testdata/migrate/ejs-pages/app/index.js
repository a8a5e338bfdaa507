const { app, BrowserWindow } = require('electron')
const path = require('path')
// Renders .ejs pages on the fly.
require('ejs-electron')

app.whenReady().then(() => {
  const win = new BrowserWindow({
    width: 980,
    webPreferences: { nodeIntegration: true, contextIsolation: false }
  })
  win.loadURL(`file://${path.join(__dirname, 'app', 'app.ejs')}`)
})
