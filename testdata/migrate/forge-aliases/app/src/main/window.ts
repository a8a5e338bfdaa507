import { BrowserWindow } from 'electron'

// Electron Forge defines these when it builds the main process.
declare const APP_WINDOW_WEBPACK_ENTRY: string
declare const APP_WINDOW_PRELOAD_WEBPACK_ENTRY: string

export function createAppWindow (): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    frame: false,
    webPreferences: {
      preload: APP_WINDOW_PRELOAD_WEBPACK_ENTRY,
      contextIsolation: false,
    },
  })
  win.loadURL(APP_WINDOW_WEBPACK_ENTRY)
  return win
}
