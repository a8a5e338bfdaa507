// Main-process module; remote in the destructuring is a leftover of an older version that ran in the page.
const { ipcMain, remote, dialog } = require('electron')
const fs = require('fs')

exports.start = (win) => {
  ipcMain.on('backup', (_event, data) => {
    const file = dialog.showSaveDialogSync(win)
    if (file) fs.writeFileSync(file, data)
  })
}
