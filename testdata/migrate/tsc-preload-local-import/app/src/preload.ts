import { ipcRenderer } from 'electron'
import { COUNT } from './channels'

;(window as any).tally = {
  count: () => ipcRenderer.invoke(COUNT),
}
