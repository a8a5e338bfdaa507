import { ipcRenderer } from 'electron'

const main: Window['main'] = {
  ping: () => ipcRenderer.invoke('ping'),
  on: (channel, listener) => {
    ipcRenderer.on(channel, listener)
    return () => ipcRenderer.removeListener(channel, listener)
  }
}
window.main = main
