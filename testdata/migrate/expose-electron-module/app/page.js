document.getElementById('copy').addEventListener('click', () => {
  window.electron.clipboard.writeText('snippet')
  window.electron.ipcRenderer.send('copied')
})
