import { app, BrowserWindow } from 'electron'
import * as path from 'path'
import { registerIpc } from './ipc'

app.whenReady().then(() => {
  const win = new BrowserWindow({ webPreferences: { preload: path.join(__dirname, 'preload.js'), contextIsolation: false } })
  win.loadFile('index.html')
  registerIpc(win)
})
