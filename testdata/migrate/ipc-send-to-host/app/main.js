const { app, BrowserWindow, ipcMain } = require('electron')
const path = require('path')

app.whenReady().then(() => {
  const win = new BrowserWindow({ webPreferences: { preload: path.join(__dirname, 'preload.js'), contextIsolation: false } })
  win.loadFile('docs.html')
  ipcMain.on('opened', (_event, page) => console.log('opened', page))
})
