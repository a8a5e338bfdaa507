const { ipcRenderer } = require('electron')

beforeEach(() => {
  document.body.innerHTML = '<p id="total"></p>'
  window.budget = { total: () => Promise.resolve(7) }
})

test('shows the total', async () => {
  require('../src/renderer.js')
  await Promise.resolve()
  expect(document.getElementById('total').textContent).toBe('7')
  expect(ipcRenderer.send).not.toHaveBeenCalled()
})
