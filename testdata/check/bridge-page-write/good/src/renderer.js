// The page keeps its own copy of what it changes.
const local = { theme: 'light' }
window.prefs.load().then((prefs) => {
  local.theme = prefs.theme
  document.body.dataset.theme = local.theme
})
