window.prefs.load().then((prefs) => {
  // Both writes go to the frozen copy the bridge gave the page: lost, or a TypeError in strict code.
  window.prefs.theme = prefs.theme
  window.prefs.load = () => Promise.resolve(prefs)
  document.body.dataset.theme = window.prefs.theme
})
