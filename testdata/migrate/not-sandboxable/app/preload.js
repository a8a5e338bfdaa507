const { ipcRenderer } = require('electron')
const fs = require('fs')
const path = require('path')
const log = require('electron-log')
const { thumbnailName } = require('./lib/names')

window.photos = {
  pickFolder: () => ipcRenderer.invoke('dialog:pick-folder'),
  list: (folder) => fs.readdirSync(folder).filter((f) => /\.(jpe?g|png)$/i.test(f)),
  thumbnail: (folder, file) => path.join(folder, '.thumbs', thumbnailName(file)),
  log: (message) => log.info(message),
  cacheDir: path.join(__dirname, 'cache')
}
