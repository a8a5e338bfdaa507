const { app, BrowserWindow, ipcMain } = require('electron')
const path = require('path')
const fs = require('fs')

let mainWindow

function createWindow () {
  mainWindow = new BrowserWindow({
    width: 1000,
    height: 700,
    webPreferences: {
      preload: path.join(__dirname, 'preload.js'),
      nodeIntegration: true, // the old notes view used require()
      enableRemoteModule: true
    }
  })
  mainWindow.loadFile('index.html')
}

ipcMain.handle('notes:list', async () => {
  return fs.readdirSync(path.join(app.getPath('userData'), 'notes'))
})

ipcMain.on('notes:save', (event, name, text) => {
  fs.writeFileSync(path.join(app.getPath('userData'), 'notes', name), text)
})

app.whenReady().then(createWindow)
