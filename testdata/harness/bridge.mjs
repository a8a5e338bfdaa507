// Runs a page twice and prints what it did each time, as JSON:
//
//   legacy:   the legacy preload and the page scripts in ONE context, the way Electron runs them with
//             contextIsolation off (window.X set by the preload is the page's window.X);
//   isolated: the migrated preload in its own context (the isolated world) and the page scripts in another (the
//             main world), joined only by a stand-in contextBridge that follows Electron's rules.
//
// What is recorded: every IPC message the preload sends (method, channel, arguments), every line the page and
// the preload log, and every error. The Go test that runs this compares the two traces: the same trace is the
// evidence that the rewrite changed nothing the app does.
//
// The stand-in bridge follows docs/api/context-bridge.md and Electron's PassValueToOtherContext: functions are
// proxied (called with `this` set to the function itself, arguments and results passed back through the same
// rules, thrown errors re-created with their message only), promises are proxied, arrays and plain objects are
// copied member by member (own enumerable string keys only: prototypes and getters' liveness are lost, getters
// are read once), Symbols are dropped, other values are structured-cloned, and the exposed value is deep-frozen
// on a window property that cannot be redefined.
//
// Usage: node bridge.mjs [--legacy <preload.js>] --isolated <preload.js> [--config <harness.json>]
//          [--legacy-page <page.js>]... [--isolated-page <page.js>]... <page.js>...
// Pages given alone run in both; --legacy-page and --isolated-page give a page as it was and as a migration left
// it (page code that called a generic bridge member, or ipcRenderer itself with Node integration). Without
// --legacy the legacy run has no preload (page code that used Node directly).
// harness.json may give invoke/sendSync responses by channel and the events main sends:
//   { "responses": { "notes:list": ["a.txt"] }, "events": [["notes:saved", "a.txt"]] }
// and the environment variables the renderer process has (process.env): { "env": { "APP_MODE": "kiosk" } }.

import fs from 'node:fs'
import vm from 'node:vm'

const args = process.argv.slice(2)
let legacyPath, isolatedPath, configPath
// --legacy-isolated: the legacy app already runs isolated (it used contextBridge with a generic bridge), so its
// run uses the bridge too.
let legacyIsolated = false
const legacyPages = []
const isolatedPages = []
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--legacy') legacyPath = args[++i]
  else if (args[i] === '--isolated') isolatedPath = args[++i]
  else if (args[i] === '--config') configPath = args[++i]
  else if (args[i] === '--legacy-isolated') legacyIsolated = true
  else if (args[i] === '--legacy-page') legacyPages.push(args[++i])
  else if (args[i] === '--isolated-page') isolatedPages.push(args[++i])
  else {
    legacyPages.push(args[i])
    isolatedPages.push(args[i])
  }
}
const config = configPath ? JSON.parse(fs.readFileSync(configPath, 'utf8')) : {}

// describe turns a value into plain JSON data for the trace, whichever context it comes from.
function describe (v, seen = new Set()) {
  if (v === undefined) return '<undefined>'
  if (typeof v === 'function') return '<function>'
  if (typeof v === 'symbol') return '<symbol>'
  if (v === null || typeof v !== 'object') return v
  if (seen.has(v)) return '<cycle>'
  seen.add(v)
  if (Array.isArray(v)) return v.map((x) => describe(x, seen))
  const tag = Object.prototype.toString.call(v)
  if (tag === '[object Error]') return { error: v.message }
  if (tag === '[object Promise]') return '<promise>'
  const out = {}
  for (const k of Object.keys(v).sort()) out[k] = describe(v[k], seen)
  return out
}

function response (channel, callArgs) {
  if (config.responses && channel in config.responses) return config.responses[channel]
  return { channel, args: callArgs }
}

// A shared DOM: both worlds see the same nodes, as in a real page.
function makeDOM (trace) {
  const elements = new Map()
  const order = []
  function element (tag, id) {
    const el = {
      tagName: tag.toUpperCase(),
      id,
      textContent: '',
      value: '',
      innerHTML: '',
      children: [],
      listeners: {},
      style: {},
      appendChild (c) { this.children.push(c); return c },
      replaceChildren (...cs) { this.children = cs },
      setAttribute (k, v) { this[k] = v },
      addEventListener (type, fn) { (this.listeners[type] ||= []).push(fn) },
      removeEventListener (type, fn) { this.listeners[type] = (this.listeners[type] || []).filter((f) => f !== fn) }
    }
    order.push(el)
    return el
  }
  const document = {
    title: '',
    listeners: {},
    body: element('body', 'body'),
    getElementById (id) {
      if (!elements.has(id)) elements.set(id, element('div', id))
      return elements.get(id)
    },
    querySelector (sel) { return this.getElementById(sel.replace(/^#/, '')) },
    createElement (tag) { return element(tag, '') },
    addEventListener (type, fn) { (this.listeners[type] ||= []).push(fn) },
    removeEventListener () {}
  }
  return { document, elements: order }
}

// The fake electron module: ipcRenderer records what it is asked to do.
function makeElectron (trace, ipcListeners, bridge) {
  // Like Electron's, the methods live on the prototype (ipcRenderer is an EventEmitter): copied across the
  // bridge it arrives as an empty object.
  class IpcRenderer {}
  const ipcRenderer = Object.assign(new IpcRenderer(), {})
  Object.assign(IpcRenderer.prototype, {
    send (channel, ...a) { trace.push({ ipc: 'send', channel, args: describe(a) }) },
    invoke (channel, ...a) {
      trace.push({ ipc: 'invoke', channel, args: describe(a) })
      return Promise.resolve(structuredClone(response(channel, describe(a))))
    },
    sendSync (channel, ...a) {
      trace.push({ ipc: 'sendSync', channel, args: describe(a) })
      return structuredClone(response(channel, describe(a)))
    },
    on (channel, fn) { trace.push({ ipc: 'on', channel }); ipcListeners.push({ channel, fn }); return ipcRenderer },
    once (channel, fn) { trace.push({ ipc: 'once', channel }); ipcListeners.push({ channel, fn, once: true }); return ipcRenderer },
    removeListener (channel, fn) {
      const i = ipcListeners.findIndex((l) => l.channel === channel && l.fn === fn)
      if (i >= 0) ipcListeners.splice(i, 1)
      return ipcRenderer
    },
    removeAllListeners (channel) {
      for (let i = ipcListeners.length - 1; i >= 0; i--) if (ipcListeners[i].channel === channel) ipcListeners.splice(i, 1)
    }
  })
  return { ipcRenderer, contextBridge: bridge, webFrame: {}, default: undefined }
}

function makeProcess (isolated) {
  const listeners = {}
  return {
    platform: 'linux',
    arch: 'x64',
    env: { ...(config.env || {}) },
    versions: { node: '20.0.0', electron: '30.0.0', chrome: '124.0.0' },
    type: 'renderer',
    contextIsolated: isolated,
    sandboxed: false,
    once (ev, fn) { (listeners[ev] ||= []).push(fn) },
    on (ev, fn) { (listeners[ev] ||= []).push(fn) },
    emit (ev, ...a) { for (const fn of listeners[ev] || []) fn(...a) }
  }
}

// Timers run when the harness says so, so both runs see them at the same points.
function makeTimers () {
  const pending = []
  return {
    pending,
    setTimeout: (fn, ms, ...a) => { pending.push(() => fn(...a)); return pending.length },
    setInterval: (fn, ms, ...a) => { pending.push(() => fn(...a)); return pending.length },
    clearTimeout () {},
    clearInterval () {},
    setImmediate: (fn, ...a) => { pending.push(() => fn(...a)); return pending.length },
    clearImmediate () {}
  }
}

function makeConsole (trace, who) {
  const log = (...a) => trace.push({ [who]: a.map((x) => describe(x)) })
  return { log, info: log, warn: log, error: log, debug: log }
}

function newContext (globals) {
  const ctx = vm.createContext({})
  const g = vm.runInContext('globalThis', ctx)
  Object.assign(g, globals)
  g.window = g
  g.self = g
  return { ctx, g }
}

function run (ctx, file, trace) {
  const code = fs.readFileSync(file, 'utf8')
  try {
    vm.runInContext(code, ctx, { filename: file })
  } catch (e) {
    trace.push({ error: String(e && e.message) })
  }
}

// pass copies a value from one world to another the way Electron's context bridge does.
function makeBridge () {
  const originals = new WeakMap() // proxy → { fn, home }
  function pass (value, from, to, cache = new Map()) {
    if (typeof value === 'symbol') return undefined
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return value
    if (cache.has(value)) return cache.get(value)
    const original = originals.get(value)
    if (original && original.home === to) return original.fn // a proxy sent back to where its function lives
    if (typeof value === 'function') {
      const proxy = vm.runInContext('(impl) => function (...args) { return impl(args) }', to.ctx)((callArgs) => {
        let result
        try {
          // Electron calls the original with the function itself as this.
          result = value.apply(value, callArgs.map((a) => pass(a, to, from)))
        } catch (e) {
          throw new to.g.Error(e && e.message)
        }
        return pass(result, from, to)
      })
      originals.set(proxy, { fn: value, home: from })
      cache.set(value, proxy)
      return proxy
    }
    const tag = Object.prototype.toString.call(value)
    if (tag === '[object Promise]') {
      return new to.g.Promise((resolve, reject) => value.then((v) => resolve(pass(v, from, to)), (e) => reject(pass(e, from, to))))
    }
    if (tag === '[object Error]') return new to.g.Error(value.message)
    if (Array.isArray(value)) {
      const out = new to.g.Array()
      cache.set(value, out)
      for (const v of value) out.push(pass(v, from, to, cache))
      return out
    }
    if (tag === '[object Object]') {
      // Own enumerable string keys only: the prototype is dropped, getters are read once.
      const out = new to.g.Object()
      cache.set(value, out)
      for (const k of Object.keys(value)) out[k] = pass(value[k], from, to, cache)
      return out
    }
    const cloned = structuredClone(value)
    cache.set(value, cloned)
    return cloned
  }
  function deepFreeze (v) {
    if (v && (typeof v === 'object' || typeof v === 'function') && !Object.isFrozen(v)) {
      Object.freeze(v)
      for (const k of Object.getOwnPropertyNames(v)) {
        const d = Object.getOwnPropertyDescriptor(v, k)
        if ('value' in d) deepFreeze(d.value)
      }
    }
    return v
  }
  return { pass, deepFreeze }
}

async function settle () {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve))
}

async function drive (trace, dom, ipcListeners, timers, worlds) {
  await settle()
  for (const fn of dom.document.listeners.DOMContentLoaded || []) fn({ type: 'DOMContentLoaded' })
  for (const w of worlds) for (const fn of w.listeners.DOMContentLoaded || []) fn({ type: 'DOMContentLoaded' })
  for (const w of worlds) for (const fn of w.listeners.load || []) fn({ type: 'load' })
  await settle()
  const events = config.events || [...new Set(ipcListeners.map((l) => l.channel))].map((c) => [c, 'payload:' + c])
  for (const [channel, ...payload] of events) {
    for (const l of [...ipcListeners]) {
      if (l.channel !== channel) continue
      try {
        l.fn({ sender: 'main', senderId: 0 }, ...structuredClone(payload))
      } catch (e) {
        trace.push({ error: String(e && e.message) })
      }
    }
    await settle()
  }
  for (const el of dom.elements) {
    for (const fn of el.listeners.click || []) {
      try {
        fn({ type: 'click', target: el })
      } catch (e) {
        trace.push({ error: String(e && e.message) })
      }
      await settle()
    }
  }
  for (let i = 0; i < timers.pending.length && i < 50; i++) {
    try {
      timers.pending[i]()
    } catch (e) {
      trace.push({ error: String(e && e.message) })
    }
    await settle()
  }
  const texts = {}
  for (const el of dom.elements) {
    if (!el.id) continue
    const children = el.children.map((c) => c.textContent)
    if (el.textContent !== '' || children.length > 0) texts[el.id] = { text: el.textContent, children }
  }
  trace.push({ dom: texts, title: dom.document.title })
}

function windowListeners (g) {
  const listeners = {}
  g.addEventListener = (type, fn) => { (listeners[type] ||= []).push(fn) }
  g.removeEventListener = () => {}
  return listeners
}

async function legacy (trace) {
  const dom = makeDOM(trace)
  const ipcListeners = []
  const timers = makeTimers()
  const notIsolated = { exposeInMainWorld () { throw new Error('contextBridge API can only be used when contextIsolation is enabled') } }
  const electron = makeElectron(trace, ipcListeners, notIsolated)
  const proc = makeProcess(false)
  const world = newContext({ document: dom.document, console: makeConsole(trace, 'log'), process: proc, ...timers })
  world.listeners = windowListeners(world.g)
  world.g.global = world.g
  world.g.require = (m) => {
    if (m === 'electron') return electron
    throw new Error('module not found in the harness: ' + m)
  }
  if (legacyPath) run(world.ctx, legacyPath, trace)
  proc.emit('loaded')
  for (const p of legacyPages) run(world.ctx, p, trace)
  await drive(trace, dom, ipcListeners, timers, [world])
  return trace
}

async function isolated (trace, preloadPath = isolatedPath, pages = isolatedPages) {
  const dom = makeDOM(trace)
  const ipcListeners = []
  const timers = makeTimers()
  const { pass, deepFreeze } = makeBridge()
  const main = newContext({ document: dom.document, console: makeConsole(trace, 'log'), ...timers })
  main.listeners = windowListeners(main.g)
  const isolatedWorld = newContext({ document: dom.document, console: makeConsole(trace, 'log'), ...timers })
  isolatedWorld.listeners = windowListeners(isolatedWorld.g)
  const contextBridge = {
    exposeInMainWorld (key, api) {
      if (key in main.g) throw new Error('Cannot bind an API on top of an existing property on the window object')
      const value = deepFreeze(pass(api, isolatedWorld, main))
      Object.defineProperty(main.g, key, { value, writable: false, configurable: false, enumerable: true })
    }
  }
  const electron = makeElectron(trace, ipcListeners, contextBridge)
  const proc = makeProcess(true)
  isolatedWorld.g.process = proc
  isolatedWorld.g.global = isolatedWorld.g
  isolatedWorld.g.require = (m) => {
    if (m === 'electron') return electron
    throw new Error('module not found in the harness: ' + m)
  }
  run(isolatedWorld.ctx, preloadPath, trace)
  proc.emit('loaded')
  for (const p of pages) run(main.ctx, p, trace)
  await drive(trace, dom, ipcListeners, timers, [main, isolatedWorld])
  return trace
}

// Errors thrown in promise callbacks and listeners belong to the run in progress.
let current = null
process.on('unhandledRejection', (e) => current && current.push({ error: String(e && e.message) }))
process.on('uncaughtException', (e) => current && current.push({ error: String(e && e.message) }))

const out = {}
current = out.legacy = []
if (legacyIsolated) await isolated(out.legacy, legacyPath, legacyPages)
else await legacy(out.legacy)
current = out.isolated = []
await isolated(out.isolated)
current = null
process.stdout.write(JSON.stringify(out, null, 1) + '\n')
