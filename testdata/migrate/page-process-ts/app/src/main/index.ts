import { app, BrowserWindow, ipcMain } from 'electron'
import { join } from 'path'

function createWindow (): void {
  const win = new BrowserWindow({
    width: 640,
    height: 400,
    webPreferences: {
      nodeIntegration: true,
      contextIsolation: false,
      preload: join(__dirname, '../preload/index.js')
    }
  })
  win.loadFile(join(__dirname, '../renderer/index.html'))
}

ipcMain.handle('board:status', () => ({ services: 3, failing: 0 }))

app.whenReady().then(createWindow)
