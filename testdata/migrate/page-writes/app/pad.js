// The page keeps its own state on the object the preload gave it.
window.pad.prefs.font = 'mono'
window.pad.lastSaved = null

const save = window.pad.save
window.pad.save = (text) => {
  window.pad.lastSaved = Date.now()
  return save(text)
}
delete window.pad.prefs.size
Object.assign(window.pad.prefs, { spellcheck: true })

document.getElementById('text').addEventListener('change', (e) => window.pad.save(e.target.value))
