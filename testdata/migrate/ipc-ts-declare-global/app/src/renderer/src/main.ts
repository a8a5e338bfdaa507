const list = document.getElementById('notes') as HTMLUListElement
const title = document.getElementById('title') as HTMLInputElement
const body = document.getElementById('body') as HTMLTextAreaElement

async function refresh (): Promise<void> {
  const names = (await window.api.invoke('notes:list')) as string[]
  list.replaceChildren(...names.map((name) => {
    const item = document.createElement('li')
    item.textContent = name
    return item
  }))
}

document.getElementById('save')!.addEventListener('click', () => {
  window.api.send('notes:save', { title: title.value || 'Untitled', body: body.value })
})

const stopWatching = window.api.on('notes:changed', (count) => {
  document.getElementById('count')!.textContent = `${count} notes`
  void refresh()
})
window.addEventListener('beforeunload', stopWatching)

void refresh()
