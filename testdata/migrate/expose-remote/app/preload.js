const remote = require('@electron/remote')

window.remote = remote
window.notes = {
  saveDialog: () => remote.dialog.showSaveDialog({ title: 'Save note' })
}
