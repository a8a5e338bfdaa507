import { ipcRenderer } from 'electron'
import { readFileSync } from 'node:fs'

// Runs in the remote chat page as its preload: reads the local theme and reports unread counts.
document.addEventListener('DOMContentLoaded', () => {
  const css = readFileSync(process.env.RELAY_THEME ?? '/dev/null', 'utf8')
  document.head.insertAdjacentHTML('beforeend', `<style>${css}</style>`)
  ipcRenderer.send('server:ready')
})
