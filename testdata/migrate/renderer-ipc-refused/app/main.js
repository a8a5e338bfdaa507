const { app, BrowserWindow } = require('electron')
const path = require('path')

app.whenReady().then(() => {
  const win = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } })
  win.loadFile(path.join(__dirname, 'index.html'))
  setInterval(() => win.webContents.send('tick', Date.now()), 1000)
})
