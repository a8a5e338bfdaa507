window.api.loadPrefs().then((prefs) => {
  document.body.dataset.theme = prefs.theme
})
