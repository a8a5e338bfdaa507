import { app, BrowserWindow, ipcMain } from 'electron'
import * as fs from 'fs'
import * as path from 'path'

export interface LedgerApi {
  total(): Promise<number>
}
export type Channel = 'ledger:total'

ipcMain.handle('ledger:total', () => fs.readFileSync(path.join(app.getPath('userData'), 'total'), 'utf8').length)

app.whenReady().then(() => {
  const win = new BrowserWindow({
    webPreferences: { preload: path.join(__dirname, 'preload.js'), nodeIntegration: true }
  })
  win.loadFile(path.join(__dirname, '../static/index.html'))
})
