const { app, BrowserWindow } = require('electron')
const path = require('path')
const config = require('./config')

function preloadPath (name) {
  return path.join(__dirname, 'preloads', name)
}

app.whenReady().then(() => {
  const editor = new BrowserWindow({ webPreferences: { preload: preloadPath('editor.js') } })
  editor.loadFile('editor.html')

  const preview = new BrowserWindow({ webPreferences: { preload: config.previewPreload } })
  preview.loadFile('preview.html')
})
