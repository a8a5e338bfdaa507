const { app, BrowserWindow, ipcMain } = require('electron')
const path = require('path')

let win
app.whenReady().then(() => {
  win = new BrowserWindow({
    width: 1000,
    height: 700,
    webPreferences: {
      preload: path.join(__dirname, 'preload.js'),
      nodeIntegration: false,
      contextIsolation: false
    }
  })
  win.loadFile('index.html')
})

ipcMain.on('inventory:refresh', (event) => {
  event.reply('inventory:data', [{ sku: 'A-1', count: 3 }])
})
ipcMain.on('settings:get', (event) => {
  event.returnValue = { currency: 'EUR' }
})
