const { app, BrowserWindow } = require('electron')
const path = require('path')

app.whenReady().then(() => {
  new BrowserWindow({
    webPreferences: { preload: path.join(__dirname, 'preload.js'), contextIsolation: false }
  }).loadFile('index.html')
})
