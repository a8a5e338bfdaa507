const statusLine = document.getElementById('status') as HTMLElement
const envLine = document.getElementById('env') as HTMLElement

const inElectron: boolean = typeof process !== 'undefined' && !!process.versions.electron
const shortcut = process.platform === 'darwin' ? '⌘R' : 'Ctrl+R'

async function refresh (): Promise<void> {
  const s = await window.board.status()
  statusLine.textContent = `${s.services - s.failing}/${s.services} up · ${shortcut} to refresh`
}

if (inElectron) {
  envLine.textContent = `Electron ${process.versions.electron} (Chrome ${process.versions.chrome})`
}
refresh()
