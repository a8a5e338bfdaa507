const { app, BrowserWindow, ipcMain } = require('electron')
const path = require('path')

app.on('ready', () => {
  const win = new BrowserWindow({
    webPreferences: {
      nodeIntegration: false,
      // The build copies preload.js next to the bundled main file.
      preload: path.join(app.getAppPath(), 'dist', 'preload.js')
    }
  })
  win.loadURL('http://localhost:1176')
})

ipcMain.on('get-state', (event) => {
  event.reply('set-state', { faders: [0.5, 0.8] })
  event.reply('set-settings', { theme: 'dark' })
})
