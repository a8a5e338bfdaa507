import { app, BrowserWindow, BrowserWindowConstructorOptions, ipcMain, session } from 'electron'
import * as path from 'path'

const options: BrowserWindowConstructorOptions = {
  width: 1200,
  height: 800,
  webPreferences: {
    preload: path.join(__dirname, 'preload.js'),
    webSecurity: false,
    allowRunningInsecureContent: true,
  },
}

function createWindow(): void {
  const win = new BrowserWindow(options)
  win.loadURL('http://chat.example.com/app')
  const devtools = new BrowserWindow({ webPreferences: { contextIsolation: false, sandbox: false } })
  devtools.loadURL('https://chat.example.com/devtools')
}

session.defaultSession?.webRequest.onHeadersReceived((details, callback) => {
  callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': ["script-src 'self' 'unsafe-eval'"] } })
})

ipcMain.handle('send-message', async (_event, room: string, text: string) => {
  return { room, text, at: Date.now() }
})

app.whenReady().then(createWindow)
