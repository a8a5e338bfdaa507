const { app, BrowserWindow, ipcMain } = require('electron')
const path = require('path')

let win

app.on('ready', () => {
  win = new BrowserWindow({
    width: 900,
    height: 600,
    webPreferences: {
      nodeIntegration: true,
      preload: path.join(__dirname, 'preload.js')
    }
  })
  win.loadFile('index.html')
})

ipcMain.handle('notes:list', () => ['todo.md', 'ideas.md'])
