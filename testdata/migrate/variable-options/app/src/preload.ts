import { ipcRenderer } from 'electron'

(window as any).ledger = {
  balance: (): Promise<number> => ipcRenderer.invoke('ledger:balance'),
}
