const { dialog } = require('@electron/remote')
const fs = require('fs')

exports.create = (label) => {
  const button = document.createElement('button')
  button.textContent = label
  button.onclick = async () => {
    const { filePaths } = await dialog.showOpenDialog({ properties: ['openDirectory'] })
    if (filePaths[0] && fs.existsSync(filePaths[0])) button.title = filePaths[0]
  }
  return button
}
