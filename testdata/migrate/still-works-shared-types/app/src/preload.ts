import { ipcRenderer } from 'electron'

const ledger: Window['ledger'] = {
  version: '1.1.0',
  send: (channel, ...args) => ipcRenderer.send(channel, ...args),
  on: (channel, listener) => {
    ipcRenderer.on(channel, (_event, ...args) => listener(...args))
  }
}

window.ledger = ledger
