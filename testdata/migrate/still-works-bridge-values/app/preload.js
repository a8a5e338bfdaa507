const fs = require('fs')
const { readFile } = require('fs/promises')
const path = require('path')
const { ipcRenderer } = require('electron')

const store = path.join(__dirname, 'rota.json')

window.rota = {
  // The page parses what it gets.
  load: () => readFile(store),
  save: (text) => fs.writeFileSync(store, text),
  print: () => {
    // The page keeps the table it shows in window.timeTable.
    ipcRenderer.send('rota:print', window.timeTable)
  }
}
