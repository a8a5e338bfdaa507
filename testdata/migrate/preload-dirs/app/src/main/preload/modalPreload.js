import { ipcRenderer } from 'electron'

window.modal = { close: () => ipcRenderer.send('modal:close') }
