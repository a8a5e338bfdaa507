// registerIpc lets a message reach your handler only from the app's own page and with arguments of the declared
// types. These tests play the page's side with the fake electron (see electron-fake.ts).
import assert from 'node:assert/strict'
import { beforeEach, test } from 'node:test'
import { Channels } from '../src/shared/contract'
import { registerIpc, type Handlers } from '../src/main/ipc'
import { handlers as appHandlers } from '../src/main/handlers'
import { recorded } from './electron-fake'

const appPage = { senderFrame: { url: 'app://bundle/index.html' }, sender: {} }
const otherSite = { senderFrame: { url: 'https://example.com/' }, sender: {} }
const goneFrame = { senderFrame: null, sender: {} }

let titles: string[] = []
const handlers: Handlers = {
  // The app's own handlers for every message (isolate add writes a stub for each new one), with these two
  // replaced by ones that record what reaches them.
  ...appHandlers,
  getVersions: () => ({ app: '1.0.0', electron: 'e', chrome: 'c', node: 'n' }),
  setTitle: (_event, title) => void titles.push(title),
}

function listener(channel: string) {
  const found = recorded.main.get(channel)
  assert.ok(found, `no listener on ${channel}`)
  return found
}

beforeEach(() => {
  titles = []
  recorded.main.clear()
  registerIpc(handlers)
})

test('an invoke from the app page reaches its handler', async () => {
  assert.deepEqual(await listener(Channels.getVersions)(appPage), {
    app: '1.0.0',
    electron: 'e',
    chrome: 'c',
    node: 'n',
  })
})

test('an invoke from another origin or a gone frame is refused', () => {
  for (const event of [otherSite, goneFrame]) {
    assert.throws(() => listener(Channels.getVersions)(event), /refused: sender is not the app page/)
  }
})

test('a send with an argument of the declared type reaches its handler', () => {
  listener(Channels.setTitle)(appPage, 'Notes')
  assert.deepEqual(titles, ['Notes'])
})

test('a send with an argument of the wrong type, or from another origin, is dropped', () => {
  for (const [event, title] of [
    [appPage, 42],
    [appPage, { toString: () => 'x' }],
    [appPage, undefined],
    [otherSite, 'Notes'],
  ] as const) {
    listener(Channels.setTitle)(event, title)
  }
  assert.deepEqual(titles, [])
})

test('the function registerIpc returns removes every listener', () => {
  recorded.main.clear()
  const off = registerIpc(handlers)
  assert.ok(recorded.main.size > 0)
  off()
  assert.equal(recorded.main.size, 0)
})
