// Bundled by rollup into app/renderer.js (the page's ./renderer.js once copied next to index.html).
const { desktopCapturer } = require('electron')
const fs = require('fs')

desktopCapturer.getSources({ types: ['screen'] }).then((sources) => {
  fs.writeFileSync('/tmp/screens.txt', sources.map((s) => s.name).join('\n'))
})
