const { app, BrowserWindow, ipcMain, session, shell, protocol, net } = require('electron')
const path = require('node:path')
const { pathToFileURL } = require('node:url')

const APP_ORIGIN = 'app://bundle'

protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true } }])

function isAppFrame(frame) {
  return frame !== null && new URL(frame.url).origin === APP_ORIGIN
}

function createWindow() {
  const win = new BrowserWindow({
    width: 900,
    height: 640,
    webPreferences: {
      preload: path.join(__dirname, 'preload.js'),
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
    },
  })
  win.loadURL(`${APP_ORIGIN}/index.html`)
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (new URL(url).origin !== APP_ORIGIN) event.preventDefault()
  })
  contents.setWindowOpenHandler(({ url }) => {
    if (new URL(url).protocol === 'https:') shell.openExternal(url)
    return { action: 'deny' }
  })
})

ipcMain.handle('load-prefs', (event) => {
  if (!isAppFrame(event.senderFrame)) throw new Error('unexpected sender')
  return { theme: 'dark' }
})

app.whenReady().then(() => {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  protocol.handle('app', (request) => {
    const file = path.join(__dirname, new URL(request.url).pathname)
    if (!file.startsWith(__dirname + path.sep)) return new Response('not found', { status: 404 })
    return net.fetch(pathToFileURL(file).toString())
  })
  createWindow()
})
