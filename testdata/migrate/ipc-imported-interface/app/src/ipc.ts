import { ipcMain, type BrowserWindow } from 'electron'

// What the preload gives the page as window.main.
export interface MainApi {
  ping: () => Promise<string>;
  on: (channel: string, listener: (...args: any[]) => void) => () => void;
}

export function registerIpc (win: BrowserWindow) {
  ipcMain.handle('ping', () => 'pong')
  win.webContents.send('logged-in')
}
