const { ipcRenderer } = require('electron')

const clock = document.getElementById('clock')
const about = document.getElementById('about')

function tick () {
  const now = new Date(0)
  clock.textContent = isMac ? now.toISOString().slice(11, 16) : now.toISOString().slice(11, 19)
}

if (isElectron) {
  about.textContent = 'Electron ' + process.versions.electron + ' on ' + process.platform + ' (' + process.arch + ')'
  if (process.env.CLOCK_MODE === 'kiosk') {
    document.title = 'Clock (kiosk)'
  }
  ipcRenderer.send('widget:ready', { platform: process.platform, electron: process.versions.electron })
}

setInterval(tick, 1000)
tick()
