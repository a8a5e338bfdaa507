const { app, BrowserWindow, ipcMain, nativeTheme } = require('electron')
const path = require('path')

let win
const panels = { left: true, right: false }

app.whenReady().then(() => {
  win = new BrowserWindow({
    webPreferences: {
      preload: path.join(__dirname, 'preload.js'),
      contextIsolation: false
    }
  })
  win.loadFile('index.html')
})

ipcMain.on('theme:set', (event, theme) => { nativeTheme.themeSource = theme })
ipcMain.on('panel:left:toggle', () => { panels.left = !panels.left })
ipcMain.on('panel:right:toggle', () => { panels.right = !panels.right })
ipcMain.on('edit:undo', () => win.webContents.undo())
ipcMain.on('edit:redo', () => win.webContents.redo())
ipcMain.handle('jobs:list', () => [])

function watchJob (id) {
  // One channel per running export job.
  ipcMain.once(`job:${id}:cancel`, () => console.log('cancel', id))
  win.webContents.send('panel:left:resized', 240)
}

module.exports = { watchJob }
