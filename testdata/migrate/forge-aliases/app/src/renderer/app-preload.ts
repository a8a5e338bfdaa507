// The title bar's controls live with the rest of the window chrome.
import '@shell/window-bridge'

console.log('preload ready')
