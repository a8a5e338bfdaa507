// @ts-check
// Stands in for 'electron' in unit tests: build.mjs --test points every import of 'electron' here. It records
// what the code under test asks of Electron, so a test can play the other side of IPC.

/** @typedef {(event: unknown, ...args: unknown[]) => unknown} Listener */

export const recorded = {
  /** ipcMain.handle and ipcMain.on listeners, by channel. @type {Map<string, Listener>} */
  main: new Map(),
  /** What the preload asked ipcRenderer to do. @type {{ op: 'invoke' | 'send' | 'on' | 'removeListener', channel: string, args: unknown[] }[]} */
  renderer: [],
  /** @type {Map<string, Listener>} */
  rendererListeners: new Map(),
  /** @type {Map<string, unknown>} */
  exposed: new Map(),
  /** @type {string[]} */
  opened: [],
}

export const ipcMain = {
  /** @param {string} channel @param {Listener} listener */
  handle: (channel, listener) => void recorded.main.set(channel, listener),
  /** @param {string} channel @param {Listener} listener */
  on: (channel, listener) => void recorded.main.set(channel, listener),
  /** @param {string} channel */
  removeHandler: (channel) => void recorded.main.delete(channel),
  /** @param {string} channel */
  removeAllListeners: (channel) => void recorded.main.delete(channel),
}

export const ipcRenderer = {
  /** @param {string} channel @param {unknown[]} args */
  invoke: (channel, ...args) => {
    recorded.renderer.push({ op: 'invoke', channel, args })
    return Promise.resolve('answer')
  },
  /** @param {string} channel @param {unknown[]} args */
  send: (channel, ...args) => void recorded.renderer.push({ op: 'send', channel, args }),
  /** @param {string} channel @param {Listener} listener */
  on: (channel, listener) => {
    recorded.rendererListeners.set(channel, listener)
    recorded.renderer.push({ op: 'on', channel, args: [] })
  },
  /** @param {string} channel @param {Listener} listener */
  removeListener: (channel, listener) => {
    const same = recorded.rendererListeners.get(channel) === listener
    recorded.renderer.push({ op: 'removeListener', channel, args: [same] })
  },
}

export const contextBridge = {
  /** @param {string} key @param {unknown} api */
  exposeInMainWorld: (key, api) => void recorded.exposed.set(key, api),
}

export const shell = {
  /** @param {string} url */
  openExternal: (url) => {
    recorded.opened.push(url)
    return Promise.resolve()
  },
}

export const protocol = { registerSchemesAsPrivileged: () => {}, handle: () => {} }
export const app = { getVersion: () => '0.1.0', getName: () => 'test' }
export const BrowserWindow = { fromWebContents: () => null }
