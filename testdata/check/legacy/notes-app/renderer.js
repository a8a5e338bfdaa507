const { ipcRenderer } = require('electron')

document.querySelector('#save').addEventListener('click', () => {
  window.notes.save({ id: Date.now().toString(), body: document.querySelector('textarea').value })
})
ipcRenderer.on('note-saved', (_event, id) => console.log('saved', id))
