async function show() {
  window.timeTable = JSON.parse(await window.rota.load())
  document.getElementById('rota').innerHTML = window.timeTable.shifts
    .map((s) => `<tr><td>${s.who}</td><td>${s.day}</td></tr>`)
    .join('')
}

show()
document.getElementById('print').addEventListener('click', () => window.rota.print())
