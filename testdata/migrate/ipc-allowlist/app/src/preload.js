const { contextBridge, ipcRenderer } = require('electron')

// Only these channels may be used from the page.
const SEND_CHANNELS = ['settings:save', 'window:minimize', 'window:close']
const RECEIVE_CHANNELS = ['settings:changed', 'update:available']
const INVOKE_CHANNELS = new Set(['settings:load'])

contextBridge.exposeInMainWorld('electron', {
  send (channel, payload) {
    if (SEND_CHANNELS.includes(channel)) {
      ipcRenderer.send(channel, payload)
    }
  },
  on (channel, listener) {
    if (!RECEIVE_CHANNELS.includes(channel)) return
    const subscription = (_event, ...args) => listener(...args)
    ipcRenderer.on(channel, subscription)
    return () => ipcRenderer.removeListener(channel, subscription)
  },
  invoke: (channel, ...args) => {
    if (!INVOKE_CHANNELS.has(channel)) throw new Error(`blocked channel: ${channel}`)
    return ipcRenderer.invoke(channel, ...args)
  },
  appVersion: '4.0.3'
})
