const { ipcRenderer } = require('electron')

const display = document.getElementById('time')
let remaining = 0
let minutes = 25

function format (seconds) {
  const m = String(Math.floor(seconds / 60)).padStart(2, '0')
  const s = String(seconds % 60).padStart(2, '0')
  return `${m}:${s}`
}

function onTick () {
  if (remaining === 0) return
  remaining -= 60
  display.textContent = format(remaining)
  if (remaining <= 0) {
    ipcRenderer.send('timer-done', minutes)
    ipcRenderer.removeListener('tick', onTick)
  }
}

ipcRenderer.on('tick', onTick)

document.getElementById('start').addEventListener('click', async () => {
  const settings = await ipcRenderer.invoke('get-settings')
  minutes = settings.minutes
  remaining = 60
  display.textContent = format(remaining)
})
