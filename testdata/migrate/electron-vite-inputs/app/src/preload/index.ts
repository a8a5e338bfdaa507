import { contextBridge, ipcRenderer } from 'electron'

contextBridge.exposeInMainWorld('relay', { connect: (url: string) => ipcRenderer.invoke('relay:connect', url) })
