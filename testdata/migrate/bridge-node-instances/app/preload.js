const fs = require('fs')
const { spawn: run } = require('child_process')

// What the viewer page calls; under contextBridge every return value is copied.
window.logs = {
  raw: (file) => fs.readFileSync(file),
  info: (file) => fs.statSync(file),
  tail: (file) => run('tail', ['-f', file]),
  follow: async (file) => {
    const data = await fs.promises.readFile(file)
    return data
  }
}

window.text = {
  read: (file) => fs.readFileSync(file, 'utf8'),
  base64: (file) => Buffer.from(fs.readFileSync(file, 'utf8')).toString('base64'),
  size: (file) => fs.statSync(file).size
}
