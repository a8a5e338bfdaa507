const { app, BrowserWindow, ipcMain } = require('electron')
const path = require('path')
const { Player } = require('./player')

const player = new Player()
let win

app.on('ready', () => {
  win = new BrowserWindow({
    width: 480,
    height: 720,
    webPreferences: {
      preload: path.join(__dirname, 'preload.js'),
      contextIsolation: false
    }
  })
  win.loadFile(path.join(__dirname, 'index.html'))
  player.on('progress', (seconds) => win.webContents.send('player:progress', seconds))
  player.on('ready', () => win.webContents.send('library:ready'))
})

ipcMain.handle('library:list', () => player.library())
ipcMain.on('player:play', (event, track) => player.play(track.id))
ipcMain.on('player:stop', () => player.stop())
