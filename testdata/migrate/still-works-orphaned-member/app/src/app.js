import { renderHeader } from './components/header'

const table = document.getElementById('stock')

window.ipcRenderer.on('inventory:data', (event, rows) => {
  table.innerHTML = rows.map((r) => `<tr><td>${r.sku}</td><td>${r.count}</td></tr>`).join('')
})
window.ipcRenderer.send('inventory:refresh')
renderHeader()
