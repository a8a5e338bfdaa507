import { app, BrowserWindow, ipcMain } from 'electron'
import * as path from 'path'

app.whenReady().then(() => {
  const win = new BrowserWindow({
    webPreferences: {
      preload: path.join(__dirname, 'preload.js'),
      nodeIntegration: false,
      contextIsolation: false
    }
  })
  win.loadFile(path.join(__dirname, '../index.html'))

  ipcMain.on('entry:add', (event, amount: number) => {
    event.reply('entry:added', amount)
  })
})
