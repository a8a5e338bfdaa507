const { ipcRenderer } = require('electron')
const log = document.getElementById('log')

ipcRenderer.on('tick', (_event, at) => { log.textContent += new Date(at).toISOString() + '\n' })
// Stops nothing: a new function is never the registered listener.
window.addEventListener('beforeunload', () => ipcRenderer.removeListener('tick', () => {}))
