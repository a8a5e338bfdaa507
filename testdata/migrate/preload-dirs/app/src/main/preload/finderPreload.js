import { ipcRenderer } from 'electron'
import { onFound } from './finderEvents'

window.finder = { find: (text) => ipcRenderer.send('finder:find', text) }
onFound((count) => { document.title = `${count} found` })
