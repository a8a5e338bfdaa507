import { ipcRenderer } from 'electron'

(window as any).sidebar = {
  select: (account: string): void => ipcRenderer.send('sidebar:select', account),
}
