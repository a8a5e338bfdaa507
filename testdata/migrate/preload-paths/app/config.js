// Where the app keeps its windows' files.
module.exports = {
  previewPreload: require('path').join(__dirname, 'preloads', 'preview.js'),
  theme: 'light'
}
