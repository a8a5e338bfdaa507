// Main process of a small clipboard-history app that was written for context isolation from the start.
const { app, BrowserWindow, ipcMain, clipboard } = require('electron')
const path = require('node:path')

const history = []

function createWindow () {
  const win = new BrowserWindow({
    width: 420,
    height: 640,
    webPreferences: {
      preload: path.join(__dirname, 'preload.js'),
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true
    }
  })
  win.loadFile(path.join(__dirname, 'index.html'))
}

ipcMain.handle('history:list', (event) => {
  if (new URL(event.senderFrame.url).protocol !== 'file:') return []
  return history.slice(-50)
})

app.whenReady().then(() => {
  setInterval(() => {
    const text = clipboard.readText()
    if (text && history[history.length - 1] !== text) history.push(text)
  }, 1000)
  createWindow()
})

app.on('window-all-closed', () => app.quit())
