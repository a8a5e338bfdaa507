const { app, BrowserWindow } = require('electron')

app.on('ready', () => {
  const win = new BrowserWindow({
    width: 500,
    height: 700,
    webPreferences: { nodeIntegration: true, enableRemoteModule: true }
  })
  win.loadFile('index.html')
})
