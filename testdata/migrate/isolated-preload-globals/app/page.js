document.getElementById('about').textContent = 'Version ' + window.appVersion
window.notes.open('welcome')
