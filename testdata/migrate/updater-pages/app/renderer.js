const entries = [{ name: 'coffee', count: 3 }, { name: 'tea', count: 1 }]

const list = document.getElementById('entries')
for (const entry of entries) {
  const li = document.createElement('li')
  li.textContent = formatEntry(entry)
  list.appendChild(li)
}

document.getElementById('updates').addEventListener('click', () => {
  window.updates.check()
})
