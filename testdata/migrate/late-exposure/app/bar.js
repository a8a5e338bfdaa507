document.addEventListener('DOMContentLoaded', () => {
  window.weather.refresh()
  if (window.debug) window.debug.dump()
})
