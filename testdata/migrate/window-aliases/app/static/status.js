window.presence.set('away')
window.presence.clear()
