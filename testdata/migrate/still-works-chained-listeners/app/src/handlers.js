// Listeners for what the main process pushes; registered once when the desk starts.
export function listen(store) {
  window.ipcRenderer
    .on('set-state', (event, state) => store.dispatch({ type: 'STATE', state }))
    .on('set-settings', (event, settings) => store.dispatch({ type: 'SETTINGS', settings }))
  window.ipcRenderer.send('get-state')
}
