const { app, BrowserWindow } = require('electron')
const path = require('path')
const backups = require('./lib/backups')

app.whenReady().then(() => {
  const win = new BrowserWindow({ webPreferences: { preload: path.join(__dirname, 'preload.js'), nodeIntegration: false } })
  win.loadFile('index.html')
  backups.start(win)
})
