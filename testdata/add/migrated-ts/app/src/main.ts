import { app, BrowserWindow, ipcMain, type IpcMainEvent, type IpcMainInvokeEvent } from "electron"
import * as path from "node:path"
import { loadSettings, saveSettings } from "./settings"

// Every handler starts with this: only the app's own page may talk to main.
function fromAppPage(event: IpcMainEvent | IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame
  return frame !== null && frame.url.startsWith("app://ui/")
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    webPreferences: { preload: path.join(__dirname, "preload.js"), sandbox: true },
  })
  void win.loadURL("app://ui/index.html")
  return win
}

void app.whenReady().then(() => {
  ipcMain.handle("settings:load", (event) => {
    if (!fromAppPage(event)) throw new Error("settings:load refused")
    return loadSettings()
  })
  ipcMain.on("settings:save", (event, values: unknown) => {
    if (!fromAppPage(event)) return
    if (typeof values === "object" && values !== null) saveSettings(values as Record<string, string>)
  })
  createWindow()
})
