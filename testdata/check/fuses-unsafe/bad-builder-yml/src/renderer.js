window.timer.presets().then((minutes) => {
  const list = document.querySelector('#presets')
  for (const m of minutes) {
    const item = document.createElement('li')
    item.textContent = `${m} min`
    list.append(item)
  }
})
