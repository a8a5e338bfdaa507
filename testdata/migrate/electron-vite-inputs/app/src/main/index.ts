import { app, BrowserWindow } from 'electron'
import { join } from 'path'

app.whenReady().then(() => {
  const main = new BrowserWindow({ webPreferences: { preload: join(__dirname, '../preload/index.js'), sandbox: false } })
  main.loadFile(join(__dirname, '../renderer/index.html'))

  const server = new BrowserWindow({ webPreferences: { preload: join(__dirname, '../preload/server.js'), sandbox: false } })
  server.loadURL('https://chat.example.com')
})
