const { app, BrowserWindow, ipcMain, Notification } = require('electron')

let win

app.on('ready', () => {
  win = new BrowserWindow({
    width: 360,
    height: 480,
    resizable: false,
    webPreferences: {
      nodeIntegration: true
    }
  })
  win.loadFile('index.html')
  setInterval(() => win.webContents.send('tick', Date.now()), 1000)
})

ipcMain.handle('get-settings', () => ({ minutes: 25, sound: true }))

ipcMain.on('timer-done', (event, minutes) => {
  new Notification({ title: 'Time is up', body: `${minutes} minutes of focus done` }).show()
})
