document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape') window.ruler.close()
})
