// Opens the help window with Node turned on through the feature string.
export function openHelp() {
  window.open('help.html', 'help', 'width=400,height=300,nodeIntegration=yes')
}
