const { app, BrowserWindow } = require('electron')
const path = require('path')

app.whenReady().then(() => {
  const bar = new BrowserWindow({ height: 40, webPreferences: { preload: path.join(__dirname, 'preload.js') } })
  bar.loadFile('bar.html')
})
