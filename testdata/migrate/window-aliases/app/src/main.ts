import { app, BrowserWindow } from 'electron'
import * as path from 'path'

app.whenReady().then(() => {
  const chat = new BrowserWindow({ webPreferences: { preload: path.join(__dirname, 'chat-preload.js') } })
  chat.loadFile(path.join(__dirname, '../static/chat.html'))

  const status = new BrowserWindow({ webPreferences: { preload: path.join(__dirname, 'status-preload.js') } })
  status.loadFile(path.join(__dirname, '../static/status.html'))
})
