import { app, BrowserWindow, BrowserWindowConstructorOptions, WebContentsView, ipcMain } from 'electron'
import * as path from 'path'

const windowOptions: BrowserWindowConstructorOptions = {
  width: 1024,
  height: 768,
  title: 'Ledger',
  webPreferences: {
    nodeIntegration: true,
    contextIsolation: false,
  },
}
windowOptions.webPreferences!.preload = path.join(__dirname, 'preload.js')

const sidebarPreferences = {
  preload: path.join(__dirname, 'sidebar-preload.js'),
  nodeIntegration: true,
}

app.whenReady().then(() => {
  const win = new BrowserWindow(windowOptions)
  win.loadFile(path.join(__dirname, '../static/index.html'))

  const sidebar = new WebContentsView({ webPreferences: sidebarPreferences })
  win.contentView.addChildView(sidebar)
  sidebar.setBounds({ x: 0, y: 0, width: 240, height: 768 })
})

ipcMain.handle('ledger:balance', () => 1250.5)
