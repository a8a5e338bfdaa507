// Keyboard shortcuts of the editor.
const { send } = window.api

document.addEventListener('keydown', (e) => {
  if ((e.ctrlKey || e.metaKey) && e.key === 's') {
    e.preventDefault()
    send('save-note', { title: document.title, body: document.getElementById('editor').value })
  }
})
