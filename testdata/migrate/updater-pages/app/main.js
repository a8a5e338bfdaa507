const { app, BrowserWindow, ipcMain } = require('electron')
const path = require('path')

let mainWindow
let updaterWindow

function createMainWindow () {
  mainWindow = new BrowserWindow({
    width: 1000,
    height: 700,
    webPreferences: {
      nodeIntegration: true,
      contextIsolation: false,
      enableRemoteModule: true,
      preload: path.join(__dirname, 'preload.js')
    }
  })
  mainWindow.loadFile(path.join(__dirname, 'index.html'))
  mainWindow.on('closed', () => { mainWindow = null })
}

// The updater ships as a prebuilt bundle (see scripts/fetch-updater.sh), so it is not in the repository.
function openUpdater () {
  if (updaterWindow) {
    updaterWindow.focus()
    return
  }
  updaterWindow = new BrowserWindow({
    width: 420,
    height: 260,
    parent: mainWindow,
    modal: true,
    webPreferences: {
      nodeIntegration: true,
      contextIsolation: false,
      enableRemoteModule: true
    }
  })
  updaterWindow.loadURL(`file://${__dirname}/updater.html`)
  updaterWindow.on('closed', () => { updaterWindow = null })
}

ipcMain.on('check-for-updates', openUpdater)

app.whenReady().then(createMainWindow)

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})
