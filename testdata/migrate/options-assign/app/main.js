const { app, BrowserWindow, nativeTheme } = require('electron')
const path = require('path')

function createWindow (showNow) {
  const commonOptions = {
    backgroundColor: '#212121',
    darkTheme: nativeTheme.shouldUseDarkColors,
    webPreferences: {
      nodeIntegration: true,
      webSecurity: false,
      contextIsolation: false
    },
    minWidth: 340
  }

  const win = new BrowserWindow(
    Object.assign(
      {
        // shown later, on ready-to-show
        show: showNow
      },
      commonOptions
    )
  )
  win.loadFile(path.join(__dirname, 'index.html'))
  return win
}

app.whenReady().then(() => createWindow(false))
