const { contextBridge, ipcRenderer } = require('electron')

const validChannels = ['load-prefs', 'save-prefs']

contextBridge.exposeInMainWorld('api', {
  invoke: (channel, ...args) => {
    if (!validChannels.includes(channel)) throw new Error(`channel ${channel} is not allowed`)
    return ipcRenderer.invoke(channel, ...args)
  },
})
