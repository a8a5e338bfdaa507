const { app, BrowserWindow } = require('electron')
const path = require('path')

app.whenReady().then(() => {
  const clock = new BrowserWindow({
    width: 200,
    height: 200,
    webPreferences: {
      preload: path.join(__dirname, 'preload.js')
    }
  })
  clock.loadFile('clock.html')
})
