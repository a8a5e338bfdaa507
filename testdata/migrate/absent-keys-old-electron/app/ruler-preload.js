const { ipcRenderer, remote } = require('electron')

window.ruler = {
  close: () => ipcRenderer.send('ruler:close'),
  units: ['px', 'pt', 'em']
}
