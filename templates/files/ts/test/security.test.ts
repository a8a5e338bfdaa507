// Links and window.open leave the app only for https pages on the hosts EXTERNAL_HOSTS lists.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { EXTERNAL_HOSTS, isAllowedExternalUrl, isAppUrl } from '../src/main/security'

test('only https URLs on a listed host may open outside the app', () => {
  const [host] = EXTERNAL_HOSTS
  assert.ok(host, 'EXTERNAL_HOSTS is empty')
  assert.equal(isAllowedExternalUrl(`https://${host}/docs`), true)
  for (const url of [
    `http://${host}/`,
    `https://user:secret@${host}/`,
    `https://${host}.evil.example/`,
    `https://evil.example/?${host}`,
    'file:///etc/passwd',
    'javascript:alert(1)',
    'not a url',
  ]) {
    assert.equal(isAllowedExternalUrl(url), false, url)
  }
})

test('only app://bundle is the app', () => {
  assert.equal(isAppUrl('app://bundle/index.html'), true)
  assert.equal(isAppUrl('app://bundle.evil/index.html'), false)
  assert.equal(isAppUrl('https://bundle/'), false)
})
