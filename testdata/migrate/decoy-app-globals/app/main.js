const { app, BrowserWindow, ipcMain } = require('electron')
const path = require('path')

app.whenReady().then(() => {
  const win = new BrowserWindow({
    webPreferences: { preload: path.join(__dirname, 'preload.js'), contextIsolation: true, nodeIntegration: false }
  })
  win.loadFile('index.html')
})

ipcMain.handle('board:load', () => ({ columns: ['todo', 'doing', 'done'] }))
