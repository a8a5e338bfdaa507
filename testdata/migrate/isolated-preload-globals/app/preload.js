const { contextBridge, ipcRenderer } = require('electron')
const { SpellChecker } = require('./spell/checker')

// The preload's own helpers; the window is isolated, so the page never sees them.
window.spellChecker = new SpellChecker('en-US')
window.spellChecker.attach(document)

// What the page reads, by mistake, from the preload's window.
window.appVersion = ipcRenderer.sendSync('app:version')

contextBridge.exposeInMainWorld('notes', {
  open: (id) => ipcRenderer.invoke('notes:open', id)
})
