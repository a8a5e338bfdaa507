import { ipcRenderer } from 'electron'

;(window as any).shell = {
  minimize: (): void => ipcRenderer.send('window:minimize'),
  close: (): void => ipcRenderer.send('window:close'),
}
