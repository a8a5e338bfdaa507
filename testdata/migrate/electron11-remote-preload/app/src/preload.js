const { remote } = require('electron')

window.notes = {
  quit: () => remote.app.quit(),
}
