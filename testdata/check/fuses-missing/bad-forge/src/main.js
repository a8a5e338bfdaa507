const { app, BrowserWindow, ipcMain, session, shell, protocol, net } = require('electron')
const path = require('node:path')
const { pathToFileURL } = require('node:url')

const ORIGIN = 'app://timer'

protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true } }])

function fromOurPage(frame) {
  return frame !== null && new URL(frame.url).origin === ORIGIN
}

function openTimer() {
  const win = new BrowserWindow({
    width: 420,
    height: 520,
    webPreferences: {
      preload: path.join(__dirname, 'preload.js'),
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
    },
  })
  win.loadURL(`${ORIGIN}/index.html`)
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (new URL(url).origin !== ORIGIN) event.preventDefault()
  })
  contents.setWindowOpenHandler(({ url }) => {
    if (new URL(url).protocol === 'https:') shell.openExternal(url)
    return { action: 'deny' }
  })
})

ipcMain.handle('timer:presets', (event) => {
  if (!fromOurPage(event.senderFrame)) throw new Error('unexpected sender')
  return [25, 15, 5]
})

app.whenReady().then(() => {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  protocol.handle('app', (request) => {
    const file = path.join(__dirname, new URL(request.url).pathname)
    if (!file.startsWith(__dirname + path.sep)) return new Response('not found', { status: 404 })
    return net.fetch(pathToFileURL(file).toString())
  })
  openTimer()
})
