import { contextBridge, ipcRenderer } from 'electron'

contextBridge.exposeInMainWorld('clips', {
  history: (): Promise<string[]> => ipcRenderer.invoke('clip:history'),
  pin: (id: number) => ipcRenderer.send('clip:pin', id),
  // Added in 1.2: the page hears about new clipboard text.
  onChanged: (callback: (text: string) => void) => {
    const listener = (_event: unknown, text: string) => callback(text)
    ipcRenderer.on('clip:changed', listener)
    return () => ipcRenderer.removeListener('clip:changed', listener)
  },
  version: '1.2.0'
})
