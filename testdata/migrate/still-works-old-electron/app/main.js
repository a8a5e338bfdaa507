const { app, BrowserWindow, ipcMain } = require('electron')
const path = require('path')

let timer
app.on('ready', () => {
  timer = new BrowserWindow({
    width: 320,
    height: 120,
    webPreferences: {
      nodeIntegration: false,
      preload: path.join(__dirname, 'preload.js')
    }
  })
  timer.loadFile('timer.html')
})

ipcMain.on('timer:done', () => {
  timer.flashFrame(true)
})
