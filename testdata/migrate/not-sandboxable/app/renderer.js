document.getElementById('pick').addEventListener('click', async () => {
  const folder = await window.photos.pickFolder()
  for (const file of window.photos.list(folder)) {
    const li = document.createElement('li')
    li.textContent = window.photos.thumbnail(folder, file)
    document.getElementById('list').appendChild(li)
  }
  window.photos.log('listed ' + folder)
})
