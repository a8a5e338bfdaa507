window.timer.onReady(() => console.log('ready'))
document.getElementById('go').addEventListener('click', () => window.timer.start(25))
