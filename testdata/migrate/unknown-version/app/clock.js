window.clock.onTick((time) => {
  document.getElementById('time').textContent = time
})
