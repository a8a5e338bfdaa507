import { app, BrowserWindow } from 'electron'

const winURL = process.env.NODE_ENV === 'development'
  ? 'http://localhost:9080'
  : `file://${__dirname}/index.html`

function createWindow () {
  const mainWindow = new BrowserWindow({
    width: 360,
    height: 480,
    webPreferences: {
      nodeIntegration: true,
      enableRemoteModule: true
    }
  })
  mainWindow.loadURL(winURL)
}

app.on('ready', createWindow)
