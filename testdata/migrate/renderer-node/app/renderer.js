const fs = require('fs')
const path = window.require('path')
const { remote, ipcRenderer } = require('electron')

const file = path.join(remote.app.getPath('userData'), 'todos.json')
const todos = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : []

for (const todo of todos) {
  const li = document.createElement('li')
  li.textContent = todo.title
  document.getElementById('todos').appendChild(li)
}

if (window.process && process.type === 'renderer') {
  ipcRenderer.send('todos:loaded', todos.length)
}
