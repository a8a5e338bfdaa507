import { app, BrowserWindow, ipcMain, clipboard } from 'electron'
import { join } from 'path'

app.whenReady().then(() => {
  const win = new BrowserWindow({
    webPreferences: { preload: join(__dirname, '../preload/index.js'), sandbox: true }
  })
  win.loadFile(join(__dirname, '../renderer/index.html'))
  clipboard.on?.('change', () => win.webContents.send('clip:changed', clipboard.readText()))
})

ipcMain.handle('clip:history', (): string[] => [])
ipcMain.on('clip:pin', (_event, id: number) => console.log('pin', id))
