const { app, BrowserWindow } = require('electron')

app.whenReady().then(() => {
  const win = new BrowserWindow({
    webPreferences: {
      preload: `${__dirname}/preload.js`,
      contextIsolation: false,
      nodeIntegration: false
    }
  })
  win.loadFile('index.html')
})
