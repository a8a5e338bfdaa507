// Main process: creates the window with every isolation setting written out, serves the renderer from app://,
// and wires the bridge. Security rules live in security.ts; your IPC code lives in handlers.ts.
import { app, BrowserWindow, session } from 'electron'
import { join } from 'node:path'
import { handlers } from './handlers'
import { registerIpc, sendFocusChanged } from './ipc'
import { APP_ORIGIN, hardenSession, hardenWebContents, registerAppScheme, serveRenderer } from './security'

// The build puts main, preload and renderer side by side: dist/main, dist/preload, dist/renderer.
const distDir = join(__dirname, '..')

// Both must happen before the app is ready.
registerAppScheme()
app.enableSandbox()

app.on('web-contents-created', (_event, contents) => hardenWebContents(contents))

function createWindow(): void {
  const win = new BrowserWindow({
    width: 960,
    height: 680,
    show: false,
    webPreferences: {
      preload: join(distDir, 'preload', 'index.js'),
      // These are Electron's defaults today; written out so a reader (or an audit) does not have to know that.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    },
  })
  win.once('ready-to-show', () => win.show())
  win.on('focus', () => sendFocusChanged(win.webContents, true))
  win.on('blur', () => sendFocusChanged(win.webContents, false))
  void win.loadURL(`${APP_ORIGIN}/index.html`)
}

void app.whenReady().then(() => {
  hardenSession(session.defaultSession)
  serveRenderer(join(distDir, 'renderer'))
  registerIpc(handlers)
  createWindow()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow()
  })
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})
