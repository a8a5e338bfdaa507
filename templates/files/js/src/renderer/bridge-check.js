// @ts-check
// The page's one link to main is window.api, which the preload exposes. When it is missing, say so on the page
// instead of showing a blank or half-working one.

/** Whether the preload exposed window.api. window.d.ts types it as always there, which is true only when the
 * preload ran; this checks.
 * @returns {boolean} */
export function hasApi() {
  /** @type {unknown} */
  const api = /** @type {{ api?: unknown }} */ (/** @type {unknown} */ (window)).api
  return typeof api === 'object' && api !== null
}

/** Replaces the page with an explanation of why window.api is missing and where to look.
 * @returns {void} */
export function showMissingApi() {
  const box = document.createElement('main')
  box.className = 'card error'
  box.setAttribute('role', 'alert')
  const heading = document.createElement('h1')
  heading.textContent = 'The preload API is missing'
  const what = document.createElement('p')
  what.textContent =
    'This page reaches the app only through window.api, which the preload script (src/preload) exposes. ' +
    'It is not there, so the page cannot work.'
  const why = document.createElement('p')
  why.textContent =
    'Either the preload failed to load (look for its error in the terminal that runs the app: a sandboxed ' +
    "preload can require only 'electron'), or this page was opened outside the app, in a browser or from " +
    'file://. Start the app with the dev or start script instead.'
  box.append(heading, what, why)
  document.body.replaceChildren(box)
  console.error('window.api is missing: the preload did not run or failed; see the page for why.')
}
