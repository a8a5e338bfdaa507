document.getElementById('go').addEventListener('click', () => window.timer.start(25))
