const { app, BrowserWindow, ipcMain } = require('electron')
const path = require('path')

app.whenReady().then(() => {
  const win = new BrowserWindow({
    webPreferences: {
      preload: path.join(__dirname, 'preload.js'),
      contextIsolation: false
    }
  })
  win.loadFile('index.html')
})

ipcMain.on('chat:send', (event, text) => event.reply('chat:echo', text))
