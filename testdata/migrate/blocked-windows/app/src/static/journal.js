document.getElementById('entry').addEventListener('change', (e) => window.journal.save(e.target.value))
