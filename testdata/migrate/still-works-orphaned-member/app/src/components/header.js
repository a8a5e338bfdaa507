// The header shows prices in the currency the settings name.
export function renderHeader() {
  const settings = global.ipcRenderer.sendSync('settings:get')
  document.title = 'Stockroom (' + settings.currency + ')'
  if (global.ipcRenderer.listenerCount('inventory:data') === 0) {
    console.warn('no inventory listener')
  }
}
