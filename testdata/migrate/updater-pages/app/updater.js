const { remote } = require('electron')

document.getElementById('close').addEventListener('click', () => {
  remote.getCurrentWindow().close()
})
