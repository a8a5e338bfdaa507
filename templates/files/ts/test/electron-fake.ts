// Stands in for 'electron' in unit tests: build.mjs --test points every import of 'electron' here. It records
// what the code under test asks of Electron, so a test can play the other side of IPC.

export type Listener = (event: unknown, ...args: unknown[]) => unknown

export const recorded = {
  /** ipcMain.handle and ipcMain.on listeners, by channel. */
  main: new Map<string, Listener>(),
  /** What the preload asked ipcRenderer to do. */
  renderer: [] as { op: 'invoke' | 'send' | 'on' | 'removeListener'; channel: string; args: unknown[] }[],
  rendererListeners: new Map<string, Listener>(),
  exposed: new Map<string, unknown>(),
  opened: [] as string[],
}

export const ipcMain = {
  handle: (channel: string, listener: Listener) => void recorded.main.set(channel, listener),
  on: (channel: string, listener: Listener) => void recorded.main.set(channel, listener),
  removeHandler: (channel: string) => void recorded.main.delete(channel),
  removeAllListeners: (channel: string) => void recorded.main.delete(channel),
}

export const ipcRenderer = {
  invoke: (channel: string, ...args: unknown[]) => {
    recorded.renderer.push({ op: 'invoke', channel, args })
    return Promise.resolve('answer')
  },
  send: (channel: string, ...args: unknown[]) => void recorded.renderer.push({ op: 'send', channel, args }),
  on: (channel: string, listener: Listener) => {
    recorded.rendererListeners.set(channel, listener)
    recorded.renderer.push({ op: 'on', channel, args: [] })
  },
  removeListener: (channel: string, listener: Listener) => {
    const same = recorded.rendererListeners.get(channel) === listener
    recorded.renderer.push({ op: 'removeListener', channel, args: [same] })
  },
}

export const contextBridge = {
  exposeInMainWorld: (key: string, api: unknown) => void recorded.exposed.set(key, api),
}

export const shell = {
  openExternal: (url: string) => {
    recorded.opened.push(url)
    return Promise.resolve()
  },
}

export const protocol = { registerSchemesAsPrivileged: () => {}, handle: () => {} }
export const app = { getVersion: () => '0.1.0', getName: () => 'test' }
export const BrowserWindow = { fromWebContents: () => null }
