let left = 25 * 60
const label = document.getElementById('left')
const tick = setInterval(() => {
  left--
  label.textContent = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`
  if (left === 0) {
    clearInterval(tick)
    window.pomodoro.done()
  }
}, 1000)
