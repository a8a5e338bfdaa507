const { app, BrowserWindow, ipcMain } = require('electron')
const path = require('path')

app.whenReady().then(() => {
  const win = new BrowserWindow({
    webPreferences: { preload: path.join(__dirname, 'preload.js'), contextIsolation: false }
  })
  win.loadFile('index.html')
  ipcMain.on('render', (event, job) => {
    event.sender.send('queue-changed', 1)
    event.sender.send(`job.${job.id}.progress`, 50)
    event.sender.send('job-done:' + job.id)
  })
})
