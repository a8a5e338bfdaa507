import { app, BrowserWindow } from 'electron'
import * as path from 'path'

app.whenReady().then(() => {
  const win = new BrowserWindow({
    webPreferences: { preload: path.join(__dirname, 'preload.js'), contextIsolation: false },
  })
  win.loadFile(path.join(__dirname, '../index.html'))
})
