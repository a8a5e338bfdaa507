const versions = window.electron.process.versions
document.getElementById('app').textContent = `Electron v${versions.electron}`
window.electron.ipcRenderer.send('ping')
