import React from 'react'
import path from 'path'

export default function Service ({ url }) {
  const preloadScript = path.join(__dirname, '..', 'webview', 'recipe.js')
  return <div><webview src={url} preload={preloadScript} /><webview src={url} preload="./webview/badge.js" /></div>
}
