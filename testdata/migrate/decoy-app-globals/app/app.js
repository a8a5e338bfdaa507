window.board.load().then(({ columns }) => {
  window.store.set(columns)
  document.getElementById('board').textContent = window.store.columns.join(' | ')
})
