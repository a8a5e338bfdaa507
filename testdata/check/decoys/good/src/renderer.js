window.api.loadPrefs().then((prefs) => {
  document.body.dataset.theme = prefs.theme
})

// App state that has nothing to do with Electron.
window.appState = { ready: true }
