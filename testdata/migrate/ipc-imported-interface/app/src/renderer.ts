const off = window.main.on('logged-in', () => console.log('in'))
window.main.ping().then(console.log)
window.addEventListener('unload', off)
