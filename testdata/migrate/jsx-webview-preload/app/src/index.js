const { app, BrowserWindow } = require('electron')
const path = require('path')
app.whenReady().then(() => {
  const win = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, webviewTag: true } })
  win.loadFile(path.join(__dirname, 'index.html'))
})
