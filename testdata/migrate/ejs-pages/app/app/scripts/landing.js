const { shell } = require('electron')
const overview = require('./overview')

document.getElementById('landing').textContent = overview.summary()
document.getElementById('landing').addEventListener('click', () => shell.openExternal('https://example.com/news'))
