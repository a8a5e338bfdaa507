// @ts-check
// The page's entry point: mounts the React app. The page reaches main only through window.api (see window.d.ts).
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { hasApi, showMissingApi } from './bridge-check'

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root')
if (hasApi()) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  )
} else {
  showMissingApi()
}
