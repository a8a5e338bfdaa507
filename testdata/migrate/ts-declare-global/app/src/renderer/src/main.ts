const timer = document.getElementById('timer') as HTMLDivElement

async function start(): Promise<void> {
  const settings = await window.api.getSettings()
  timer.textContent = `${settings.minutes}:00`
  await window.api.saveSettings({ ...settings, sound: false })
}

document.title = `Pomodoro ${(window as any).appVersion}`
start()
