const { app, BrowserWindow } = require('electron')
const path = require('path')

const assets = process.env.POMODORO_ASSETS || path.join(app.getPath('userData'), 'assets')

app.whenReady().then(() => {
  const win = new BrowserWindow({
    width: 320,
    height: 120,
    webPreferences: {
      // The installer copies the preload next to the user's assets.
      preload: path.join(assets, 'preload.js'),
      contextIsolation: false
    }
  })
  win.loadFile('app/index.html')
})
