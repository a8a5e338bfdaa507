const { app, BrowserWindow, ipcMain } = require('electron')
const { spawn } = require('child_process')

// The log window is a single page built here: a live log and a stop button.
const logPage = `<!DOCTYPE html>
<html>
  <body>
    <pre id="log"></pre>
    <button id="stop">Stop</button>
    <script>
      const { ipcRenderer } = require('electron')
      ipcRenderer.on('log:line', (event, line) => {
        document.getElementById('log').textContent += line
      })
      document.getElementById('stop').onclick = () => ipcRenderer.send('deploy:stop')
    </script>
  </body>
</html>`

let child
app.whenReady().then(() => {
  const logWindow = new BrowserWindow({
    width: 800,
    height: 500,
    webPreferences: { nodeIntegration: true }
  })
  logWindow.loadURL('data:text/html;charset=utf-8,' + encodeURIComponent(logPage))

  child = spawn('./deploy.sh', { shell: true })
  child.stdout.on('data', (chunk) => logWindow.webContents.send('log:line', chunk.toString()))
})

ipcMain.on('deploy:stop', () => child && child.kill())
