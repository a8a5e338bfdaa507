import { contextBridge, ipcRenderer } from "electron"

// The page sees window.desktop and nothing else.
const api = {
  loadSettings(): Promise<Record<string, string>> {
    return ipcRenderer.invoke("settings:load")
  },
  saveSettings(values: Record<string, string>): void {
    ipcRenderer.send("settings:save", values)
  },
}

contextBridge.exposeInMainWorld("desktop", api)
