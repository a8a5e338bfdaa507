const { app, BrowserWindow } = require('electron')
const path = require('path')

// The packaged app ships its preloads next to the resources, outside the source tree.
function resourcePreload (name) {
  return path.join(process.resourcesPath, 'preloads', name)
}

function openJournal () {
  const win = new BrowserWindow({
    width: 900,
    webPreferences: { preload: resourcePreload('journal.js'), contextIsolation: false }
  })
  win.loadFile(path.join(__dirname, 'static', 'journal.html'))
}

function openMap () {
  const win = new BrowserWindow({
    webPreferences: { preload: path.join(__dirname, 'windows', 'map-preload.js'), contextIsolation: false }
  })
  win.loadFile(path.join(__dirname, 'static', 'map.html'))
}

function openSketch () {
  const win = new BrowserWindow({
    webPreferences: { preload: path.join(__dirname, 'windows', 'sketch-preload.js'), contextIsolation: false }
  })
  win.loadFile(path.join(__dirname, 'static', 'sketch.html'))
}

app.whenReady().then(() => {
  openJournal()
  openMap()
  openSketch()
})
