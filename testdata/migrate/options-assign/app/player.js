document.getElementById('player').textContent = 'ready'
