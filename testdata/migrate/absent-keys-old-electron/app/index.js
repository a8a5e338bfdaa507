const { app, BrowserWindow } = require('electron')
const path = require('path')

let ruler
let about

app.on('ready', () => {
  ruler = new BrowserWindow({
    width: 600,
    height: 80,
    frame: false,
    transparent: true,
    webPreferences: {
      preload: path.join(__dirname, 'ruler-preload.js')
    }
  })
  ruler.loadURL('file://' + __dirname + '/ruler.html')
})

app.on('show-about', () => {
  about = new BrowserWindow()
  about.loadURL('file://' + __dirname + '/about.html')
})
