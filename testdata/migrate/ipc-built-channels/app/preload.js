const { ipcRenderer } = require('electron')

window.queue = {
  render: (job) => ipcRenderer.send('render', job),
  // One listener API for every channel main sends, fixed or per job.
  on: (channel, listener) => {
    ipcRenderer.on(channel, listener)
    return () => ipcRenderer.removeListener(channel, listener)
  }
}
