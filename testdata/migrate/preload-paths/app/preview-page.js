window.preview.ready()
