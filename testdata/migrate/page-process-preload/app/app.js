const list = document.getElementById('list')
const footer = document.getElementById('footer')

// Ctrl on Windows and Linux, Cmd on macOS
const modifier = process.platform === 'darwin' ? 'Cmd' : 'Ctrl'
footer.textContent = modifier + '+N: new note'
if (typeof process !== 'undefined' && process.versions && process.versions.electron) {
  footer.textContent += ' · desktop ' + process.versions.electron
}

window.notes.list().then((names) => {
  for (const name of names) {
    const li = document.createElement('li')
    li.textContent = name
    li.addEventListener('click', () => window.notes.open(name))
    list.appendChild(li)
  }
})
