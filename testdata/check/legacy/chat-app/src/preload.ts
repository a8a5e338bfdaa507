import { ipcRenderer, IpcRendererEvent } from 'electron'

declare global {
  interface Window {
    chat: {
      send(channel: string, ...args: unknown[]): void
      receive(channel: string, fn: (...args: unknown[]) => void): void
    }
  }
}

process.once('loaded', () => {
  window.chat = {
    send: (channel: string, ...args: unknown[]) => ipcRenderer.send(channel, ...args),
    receive: (channel: string, fn: (...args: unknown[]) => void) => {
      ipcRenderer.on(channel, (event: IpcRendererEvent, ...args: unknown[]) => fn(event, ...args))
    },
  }
})
