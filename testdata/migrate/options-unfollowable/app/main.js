const { app, BrowserWindow } = require('electron')
const path = require('path')
const defaults = require('./defaults')

const base = {
  width: 800,
  webPreferences: { preload: path.join(__dirname, 'preload.js') }
}

function openWindow (options) {
  return new BrowserWindow(options)
}

app.whenReady().then(() => {
  const editor = new BrowserWindow({ ...base, title: 'Editor' })
  const settings = new BrowserWindow(Object.assign({}, defaults, { title: 'Settings' }))
  const about = openWindow({ title: 'About' })
  const help = new BrowserWindow({
    webPreferences: { contextIsolation: true, nodeIntegration: false, ...defaults.webPreferences }
  })
  editor.loadFile('index.html')
})
