import { ipcRenderer } from 'electron'

export function onFound (listener) {
  ipcRenderer.on('finder:found', (_event, count) => listener(count))
}
