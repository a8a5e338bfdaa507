module.exports = { webPreferences: { contextIsolation: false, nodeIntegration: true } }
