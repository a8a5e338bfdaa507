const { app, BrowserWindow } = require('electron')
const path = require('path')

app.on('ready', () => {
  const win = new BrowserWindow({
    width: 320,
    webPreferences: {
      preload: path.join(__dirname, 'preload.js'),
      nodeIntegration: false,
    },
  })
  win.loadFile(path.join(__dirname, 'index.html'))
})
