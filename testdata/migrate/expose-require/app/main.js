const { app, BrowserWindow } = require('electron')
const path = require('path')

app.on('ready', () => {
  const win = new BrowserWindow({ webPreferences: { preload: path.join(__dirname, 'preload.js') } })
  win.loadFile('index.html')
})
