const { dialog } = require('@electron/remote')

document.querySelector('#open').addEventListener('click', () => dialog.showOpenDialog({}))
