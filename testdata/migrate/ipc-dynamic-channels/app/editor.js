const CHANNELS = Object.freeze({ THEME: 'theme:set', JOBS: 'jobs:list' })

document.getElementById('dark').addEventListener('click', () => window.bridge.send(CHANNELS.THEME, 'dark'))

for (const side of ['left', 'right']) {
  document.getElementById('toggle-' + side).addEventListener('click', () => {
    window.bridge.send(`panel:${side}:toggle`)
  })
}

for (const action of ['undo', 'redo']) {
  document.getElementById(action).addEventListener('click', () => window.bridge.send('edit:' + action))
}

window.bridge.on('panel:left:resized', (width) => {
  document.getElementById('left-width').textContent = width + 'px'
})

window.bridge.invoke(CHANNELS.JOBS).then((jobs) => {
  for (const job of jobs) {
    const item = document.createElement('li')
    item.textContent = job.name
    item.addEventListener('click', () => window.bridge.send(`job:${job.id}:cancel`))
    document.getElementById('jobs').appendChild(item)
  }
})
