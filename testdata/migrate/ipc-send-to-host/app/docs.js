window.docs.report('opened', location.hash)
window.docs.toHost('title-changed', document.getElementById('title').textContent)
