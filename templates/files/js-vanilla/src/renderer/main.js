// @ts-check
// The page: plain DOM code that reaches main only through window.api, typed by window.d.ts. It writes text
// with textContent, never innerHTML, so data from main cannot become markup.

import { hasApi, showMissingApi } from './bridge-check'

/**
 * @template {HTMLElement} T
 * @param {string} selector
 * @returns {T}
 */
function element(selector) {
  /** @type {T | null} */
  const found = document.querySelector(selector)
  if (!found) throw new Error(`index.html has no ${selector}`)
  return found
}

/**
 * @param {HTMLElement} list
 * @param {Record<string, string>} versions
 */
function showVersions(list, versions) {
  list.replaceChildren()
  for (const [name, version] of Object.entries(versions)) {
    const term = document.createElement('dt')
    term.textContent = name
    const value = document.createElement('dd')
    value.textContent = version
    list.append(term, value)
  }
}

async function main() {
  /** @type {HTMLElement} */
  const versionList = element('#versions')
  /** @type {HTMLFormElement} */
  const form = element('#title-form')
  /** @type {HTMLInputElement} */
  const input = element('#title-input')
  /** @type {HTMLElement} */
  const focus = element('#focus')

  // event: main tells the page; the returned function unsubscribes.
  const unsubscribe = window.api.onFocusChanged((focused) => {
    focus.textContent = focused ? 'The window is focused.' : 'The window is in the background.'
  })
  window.addEventListener('pagehide', unsubscribe, { once: true })

  // send: fire-and-forget.
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    window.api.setTitle(input.value)
  })

  // invoke: request/response.
  try {
    showVersions(versionList, await window.api.getVersions())
  } catch (error) {
    versionList.textContent = `Could not read versions: ${String(error)}`
    versionList.classList.add('error')
  }
}

if (hasApi()) {
  void main()
} else {
  showMissingApi()
}
