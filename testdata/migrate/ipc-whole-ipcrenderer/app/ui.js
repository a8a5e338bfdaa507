const playButton = document.getElementById('play')
const progress = document.getElementById('progress')

async function loadLibrary () {
  const tracks = await window.ipcRenderer.invoke('library:list')
  const list = document.getElementById('tracks')
  for (const track of tracks) {
    const item = document.createElement('li')
    item.textContent = track.title
    list.appendChild(item)
  }
}

function onProgress (event, seconds) {
  progress.textContent = Math.round(seconds) + 's'
}

ipcRenderer.once('library:ready', () => loadLibrary())
ipcRenderer.on('player:progress', onProgress)

playButton.addEventListener('click', () => {
  ipcRenderer.send('player:play', { id: 1 })
  document.getElementById('now-playing').textContent = 'Intro'
})

document.getElementById('stop').addEventListener('click', () => {
  ipcRenderer.send('player:stop')
  ipcRenderer.removeListener('player:progress', onProgress)
  progress.textContent = ''
})
