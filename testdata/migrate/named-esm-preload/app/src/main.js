const { app, BrowserWindow, session } = require('electron')

app.whenReady().then(() => {
  // webpack builds src/preload.js into dist/preload.bundle.js, which every session loads.
  session.defaultSession.setPreloads([require('path').join(__dirname, 'preload.bundle.js')])
  const win = new BrowserWindow({ webPreferences: { contextIsolation: false } })
  win.loadFile('index.html')
})
