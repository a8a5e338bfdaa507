import React from 'react'
import path from 'path'
import ElectronWebView from 'react-electron-web-view'

export default function Service ({ url }) {
  const preloadScript = path.join(__dirname, '..', 'webview', 'recipe.js')
  return <div><webview src={url} preload={preloadScript} /><ElectronWebView src={url} preload="./webview/badge.js" webpreferences="spellcheck=1, contextIsolation=false" /></div>
}
