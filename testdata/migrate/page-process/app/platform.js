// Shared with the web build of the widget: only Electron has window.process.
var isElectron = typeof window !== 'undefined' && !!window.process && window.process.type === 'renderer'
var isMac = isElectron && process.platform === 'darwin'
