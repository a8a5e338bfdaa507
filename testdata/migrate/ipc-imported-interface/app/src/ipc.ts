import { ipcMain, type BrowserWindow } from 'electron'

export function registerIpc (win: BrowserWindow) {
  ipcMain.handle('ping', () => 'pong')
  win.webContents.send('logged-in')
}
