import { ipcRenderer } from 'electron'
import { format } from './clip-format'

window.clips = {
  copy: (text) => ipcRenderer.send('clips:copy', format(text))
}
