// Used by code isolate cannot place: only its use of ipcRenderer says anything.
import { ipcRenderer } from 'electron'

export const log = (message) => ipcRenderer.send('log', message)
