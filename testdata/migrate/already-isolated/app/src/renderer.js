// Page code: talks to the main process only through the bridge the preload exposes.
async function render () {
  const items = await window.clipboardHistory.list()
  const list = document.getElementById('items')
  list.replaceChildren(...items.map((text) => {
    const li = document.createElement('li')
    li.textContent = text
    return li
  }))
}

render()
setInterval(render, 2000)
