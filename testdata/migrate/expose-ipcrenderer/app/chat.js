window.ipcRenderer.on('chat:echo', (event, text) => console.log('echo', text))
document.getElementById('msg').addEventListener('change', (e) => window.chat.send(e.target.value))
