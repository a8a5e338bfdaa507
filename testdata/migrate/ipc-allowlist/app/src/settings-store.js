let current = { currency: 'EUR', decimals: 2 }

module.exports = {
  load: () => ({ ...current }),
  save: (values) => { current = { ...current, ...values } }
}
