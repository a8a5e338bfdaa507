const { contextBridge, ipcRenderer } = require('electron')
const fs = require('fs')
const path = require('path')

contextBridge.exposeInMainWorld('api', {
  loadPrefs: () => ipcRenderer.invoke('load-prefs'),
  readme: () => fs.readFileSync(path.join(__dirname, 'README.md'), 'utf8'),
})
