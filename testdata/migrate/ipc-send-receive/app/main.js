const { app, BrowserWindow, ipcMain, dialog } = require('electron')
const path = require('path')
const fs = require('fs/promises')

let win

function createWindow () {
  win = new BrowserWindow({
    width: 900,
    height: 640,
    webPreferences: {
      preload: path.join(__dirname, 'preload.js'),
      contextIsolation: false
    }
  })
  win.loadFile('index.html')
}

ipcMain.on('save-note', async (event, note) => {
  const file = path.join(app.getPath('documents'), note.title + '.md')
  await fs.writeFile(file, note.body)
  event.sender.send('note-saved', file)
})

ipcMain.on('open-note', async () => {
  const { filePaths } = await dialog.showOpenDialog(win, { filters: [{ name: 'Markdown', extensions: ['md'] }] })
  if (filePaths.length === 0) return
  const body = await fs.readFile(filePaths[0], 'utf8')
  win.webContents.send('note-opened', { title: path.basename(filePaths[0], '.md'), body })
})

app.whenReady().then(createWindow)
