// @ts-check
// The preload exposes one method per message on window.api and nothing else: each passes on exactly its declared
// arguments, and each onX listener gets the payload without Electron's event object and can unsubscribe.
/** @import { Api } from '../src/shared/contract' */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Channels } from '../src/shared/contract'
import { recorded } from './electron-fake'
import '../src/preload/index'

const api = /** @type {Api} */ (recorded.exposed.get('api'))

test('the preload exposes window.api with one method per message', () => {
  assert.deepEqual([...recorded.exposed.keys()], ['api'])
  assert.deepEqual(Object.keys(api).sort(), Object.keys(Channels).sort())
})

test('an invoke passes its declared arguments only and returns what main answers', async () => {
  const call = /** @type {(...args: unknown[]) => Promise<unknown>} */ (/** @type {unknown} */ (api.getVersions))
  assert.equal(await call('extra'), 'answer')
  assert.deepEqual(recorded.renderer.at(-1), { op: 'invoke', channel: Channels.getVersions, args: [] })
})

test('a send passes its declared arguments only', () => {
  const call = /** @type {(...args: unknown[]) => void} */ (/** @type {unknown} */ (api.setTitle))
  call('Notes', 'extra')
  assert.deepEqual(recorded.renderer.at(-1), { op: 'send', channel: Channels.setTitle, args: ['Notes'] })
})

test('an event listener gets the payload without the event, and unsubscribing removes the same listener', () => {
  /** @type {boolean[]} */
  const received = []
  const off = api.onFocusChanged((focused) => received.push(focused))
  recorded.rendererListeners.get(Channels.onFocusChanged)?.({ sender: 'IpcRendererEvent' }, true)
  assert.deepEqual(received, [true])
  off()
  assert.deepEqual(recorded.renderer.at(-1), { op: 'removeListener', channel: Channels.onFocusChanged, args: [true] })
})
