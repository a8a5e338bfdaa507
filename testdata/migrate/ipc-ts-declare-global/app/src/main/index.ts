import { app, BrowserWindow, ipcMain } from 'electron'
import { join } from 'path'

interface Note {
  title: string
  body: string
}

const notes = new Map<string, Note>()

function createWindow (): BrowserWindow {
  const win = new BrowserWindow({
    width: 1100,
    height: 760,
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      sandbox: false
    }
  })
  win.loadFile(join(__dirname, '../renderer/index.html'))
  return win
}

app.whenReady().then(() => {
  const win = createWindow()
  ipcMain.handle('notes:list', () => [...notes.keys()])
  ipcMain.on('notes:save', (_event, note: Note) => {
    notes.set(note.title, note)
    win.webContents.send('notes:changed', notes.size)
  })
})
