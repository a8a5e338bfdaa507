const { app, BrowserWindow, Menu } = require('electron')
const path = require('path')

function createWindow () {
  const win = new BrowserWindow({
    width: 900,
    height: 640,
    webPreferences: {
      nodeIntegration: true,
      contextIsolation: false
    }
  })
  win.loadFile(path.join(__dirname, 'index.html'))
}

// The help viewer is built from the docs repository and copied in at release time.
function openHelp () {
  const help = new BrowserWindow({
    width: 600,
    height: 700,
    webPreferences: {
      nodeIntegration: true,
      contextIsolation: false
    }
  })
  help.loadFile(path.join(__dirname, 'help.html'))
}

app.whenReady().then(() => {
  Menu.setApplicationMenu(Menu.buildFromTemplate([
    { label: 'Help', submenu: [{ label: 'Recipe Box Help', click: openHelp }] }
  ]))
  createWindow()
})
