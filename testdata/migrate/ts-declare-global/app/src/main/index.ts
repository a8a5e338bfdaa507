import { app, BrowserWindow, ipcMain } from 'electron'
import { join } from 'path'
import type { Settings } from '../shared/settings'

let settings: Settings = { minutes: 25, sound: true }

function createWindow(): void {
  const mainWindow = new BrowserWindow({
    width: 420,
    height: 560,
    show: false,
    autoHideMenuBar: true,
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      sandbox: false,
      contextIsolation: false
    }
  })
  mainWindow.on('ready-to-show', () => mainWindow.show())
  mainWindow.loadFile(join(__dirname, '../renderer/index.html'))
}

ipcMain.handle('settings:get', () => settings)
ipcMain.handle('settings:save', (_event, next: Settings) => {
  settings = next
})
ipcMain.on('logs:open', () => console.log('opening logs'))

app.whenReady().then(createWindow)
