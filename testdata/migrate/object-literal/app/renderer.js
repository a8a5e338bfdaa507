const list = document.getElementById('notes')

window.notes.list().then((names) => {
  for (const name of names) {
    const li = document.createElement('li')
    li.textContent = name
    list.appendChild(li)
  }
})

window.notes.onSaved((name) => console.log('saved', name))

document.getElementById('save').addEventListener('click', () => {
  window.notes.save('today.txt', 'Notes ' + window.notes.version)
})
