window.files.read('settings.json', 'utf8').then((text) => {
  document.getElementById('doc').value = text
})
