const { app, BrowserWindow, ipcMain, dialog } = require('electron')
const path = require('path')

app.whenReady().then(() => {
  const win = new BrowserWindow({
    width: 1100,
    height: 720,
    webPreferences: {
      preload: path.join(__dirname, 'preload.js'),
      nodeIntegration: true
    }
  })
  win.loadFile('index.html')
})

ipcMain.handle('dialog:pick-folder', async () => {
  const { filePaths } = await dialog.showOpenDialog({ properties: ['openDirectory'] })
  return filePaths[0]
})
