window.ledger.balance().then((b) => {
  document.getElementById('balance').textContent = b.toFixed(2)
})
