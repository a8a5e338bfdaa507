const { app, BrowserWindow, ipcMain } = require('electron')
const path = require('node:path')
const settings = require('./settings-store')

function createWindow () {
  const win = new BrowserWindow({
    width: 800,
    height: 600,
    webPreferences: {
      preload: path.join(__dirname, 'preload.js')
    }
  })
  win.loadFile(path.join(__dirname, 'settings.html'))

  ipcMain.on('settings:save', (event, values) => {
    settings.save(values)
    win.webContents.send('settings:changed', settings.load())
  })
  ipcMain.on('window:minimize', () => win.minimize())
  ipcMain.on('window:close', () => win.close())
}

ipcMain.handle('settings:load', () => settings.load())

app.whenReady().then(createWindow)
