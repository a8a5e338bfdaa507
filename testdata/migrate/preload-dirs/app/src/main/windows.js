import { app, BrowserView } from 'electron'
import path from 'path'

// webpack copies every preload next to the bundled main process.
function getLocalPreload (file) {
  return path.join(app.getAppPath(), 'dist', file)
}

export function createViews (win) {
  const finder = new BrowserView({ webPreferences: { preload: getLocalPreload('finderPreload.js'), contextIsolation: false } })
  const modal = new BrowserView({ webPreferences: { preload: getLocalPreload('modalPreload.js'), contextIsolation: false } })
  finder.webContents.loadFile(path.join(app.getAppPath(), 'dist', 'finder.html'))
  win.addBrowserView(finder)
  win.addBrowserView(modal)
}
