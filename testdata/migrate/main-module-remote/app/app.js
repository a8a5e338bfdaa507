document.getElementById('text').addEventListener('change', (e) => window.notes.backup(e.target.value))
