const remote = require('@electron/remote')

document.getElementById('close').addEventListener('click', () => remote.getCurrentWindow().close())
