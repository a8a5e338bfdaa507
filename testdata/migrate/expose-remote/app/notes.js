document.getElementById('save').addEventListener('click', async () => {
  const win = window.remote.getCurrentWindow()
  const { filePath } = await window.notes.saveDialog()
  win.setTitle(filePath || 'Untitled')
})
