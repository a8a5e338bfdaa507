// The page: lists notes through window.notes, the only thing the preload exposes.
async function render() {
  const list = document.getElementById('notes');
  list.textContent = '';
  for (const name of await window.notes.list()) {
    const item = document.createElement('li');
    item.textContent = name;
    list.appendChild(item);
  }
}

window.notes.onSaved(() => render());
render();
