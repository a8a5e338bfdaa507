const fs = require('fs')
const { readFile } = require('fs/promises')

window.fs = fs
window.files = {
  read: readFile,
  exists: (p) => fs.existsSync(p)
}
