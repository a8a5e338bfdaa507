const { app, BrowserWindow, ipcMain, shell } = require('electron')
const path = require('path')
const fs = require('fs')

let mainWindow

function createWindow() {
  mainWindow = new BrowserWindow({
    width: 1024,
    height: 768,
    webPreferences: {
      nodeIntegration: true,
      enableRemoteModule: true,
      webviewTag: true,
      preload: path.join(__dirname, 'preload.js'),
    },
  })
  mainWindow.loadURL(`file://${__dirname}/index.html`)
  mainWindow.webContents.on('new-window', (event, url) => {
    event.preventDefault()
    shell.openExternal(url)
  })
}

ipcMain.on('save-note', (event, note) => {
  fs.writeFileSync(path.join(app.getPath('userData'), note.id + '.md'), note.body)
  event.reply('note-saved', note.id)
})

ipcMain.handle('list-notes', async () => fs.readdirSync(app.getPath('userData')))

app.on('ready', createWindow)
app.on('window-all-closed', () => app.quit())
