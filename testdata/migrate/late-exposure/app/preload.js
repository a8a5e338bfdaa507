const { ipcRenderer } = require('electron')

window.addEventListener('DOMContentLoaded', () => {
  window.weather = { refresh: () => ipcRenderer.send('weather:refresh') }
})

if (process.env.WEATHER_DEBUG) {
  window.debug = { dump: () => ipcRenderer.send('weather:dump') }
}

function exposeUnits (units) {
  window.units = units
}
ipcRenderer.on('weather:units', (_event, units) => exposeUnits(units))

window.forecast = {}
ipcRenderer.invoke('weather:forecast').then((days) => {
  window.forecast.days = days
})
