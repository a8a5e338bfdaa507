const currency = document.getElementById('currency')
const decimals = document.getElementById('decimals')
const summary = document.getElementById('summary')

function show (values) {
  currency.value = values.currency
  decimals.value = String(values.decimals)
  summary.textContent = `${values.currency}, ${values.decimals} decimals`
}

window.electron.invoke('settings:load').then(show)

const stopWatching = window.electron.on('settings:changed', (values) => show(values))
window.addEventListener('beforeunload', () => stopWatching())

document.getElementById('save').addEventListener('click', () => {
  window.electron.send('settings:save', { currency: currency.value || 'USD', decimals: Number(decimals.value) || 0 })
})
document.getElementById('minimize').addEventListener('click', () => window.electron.send('window:minimize'))
document.getElementById('version').textContent = 'v' + window.electron.appVersion
