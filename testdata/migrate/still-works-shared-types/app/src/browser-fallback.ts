// Run the page in a plain browser (npm run dev:web loads this before dist/page.js): a ledger that only logs.
import type { LedgerApi } from './types'

const browserLedger: LedgerApi = {
  version: 'web',
  send: (channel, ...args) => console.log('send', channel, args),
  on: (channel) => console.log('listen', channel)
}

export default browserLedger
