const { app, BrowserWindow, ipcMain } = require('electron')
const path = require('path')

// The app's one window. Named `window` long ago; it is a BrowserWindow, not a page's window.
let window = null

function createWindow () {
  window = new BrowserWindow({
    width: 360,
    height: 480,
    webPreferences: { preload: path.join(__dirname, 'preload.js') }
  })
  window.loadFile('index.html')
  window.webContents.on('did-finish-load', () => {
    window.webContents.send('timer:ready')
  })
  window.on('closed', () => {
    window = null
  })
}

ipcMain.handle('timer:start', (event, minutes) => {
  if (event.sender !== window.webContents) return false
  window.title = `Focus: ${minutes} min`
  return true
})

app.whenReady().then(createWindow)
