const { app, BrowserWindow } = require('electron')
const path = require('path')

app.whenReady().then(() => {
  const main = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } })
  main.loadFile(path.join(__dirname, 'index.html'))
})
