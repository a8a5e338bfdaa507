// A test mock that stands in for the preload; tests are not app code.
window.api = { loadPrefs: async () => ({ theme: 'light' }) }
test('renders the theme', async () => {
  expect((await window.api.loadPrefs()).theme).toBe('light')
})
