window.budget.total().then((total) => {
  document.getElementById('total').textContent = String(total)
})
