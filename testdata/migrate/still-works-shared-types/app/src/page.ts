export {}

const total = document.getElementById('total') as HTMLElement
let sum = 0

window.ledger.on('entry:added', (amount) => {
  sum += amount as number
  total.textContent = sum.toFixed(2)
})
document.getElementById('add')!.addEventListener('click', () => window.ledger.send('entry:add', 12.5))
