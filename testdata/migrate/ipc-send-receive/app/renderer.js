const api = window.api
const editor = document.getElementById('editor')
const status = document.getElementById('status')

document.getElementById('save').addEventListener('click', () => {
  api.send('save-note', { title: document.title, body: editor.value })
})

document.getElementById('open').addEventListener('click', () => {
  api.send('open-note')
})

api.receive('note-saved', (file) => {
  status.textContent = `Saved to ${file}`
})

window.api.receive('note-opened', (note) => {
  document.title = note.title
  editor.value = note.body
  status.textContent = 'Opened ' + note.title
})

if (window.api.platform === 'darwin') {
  document.body.classList.add('mac')
}
