export function openHelp() {
  window.open('help.html', 'help', 'width=400,height=300,nodeIntegration=no')
}
