const { app, BrowserWindow, ipcMain } = require('electron')

function createWindow () {
  const win = new BrowserWindow({
    width: 320,
    height: 200,
    frame: false,
    webPreferences: {
      nodeIntegration: true
    }
  })
  win.loadFile('index.html')
}

ipcMain.on('widget:ready', (event, info) => {
  console.log('widget ready on', info.platform, info.electron)
})

app.whenReady().then(createWindow)
