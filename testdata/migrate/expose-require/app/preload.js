// Let the page load Node modules the way it did with nodeIntegration.
const nodeRequire = require

process.once('loaded', () => {
  global.nodeRequire = nodeRequire
  global.markdown = { version: '0.7.0' }
})
