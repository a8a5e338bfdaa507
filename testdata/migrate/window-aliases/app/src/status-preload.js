const { ipcRenderer } = require('electron')

const page = typeof window !== 'undefined' ? window : global

page.presence = {}
page.presence.set = (text) => ipcRenderer.send('presence:set', text)
page.presence.clear = () => ipcRenderer.send('presence:clear')
