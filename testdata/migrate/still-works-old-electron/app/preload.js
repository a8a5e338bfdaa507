const { ipcRenderer } = require('electron')

window.pomodoro = {
  done: () => ipcRenderer.send('timer:done')
}
