// The bridge between the preload and the page: both sides are checked against it.
export interface LedgerApi {
  send(channel: string, ...args: unknown[]): void
  on(channel: string, listener: (...args: unknown[]) => void): void
  version: string
}

declare global {
  interface Window {
    ledger: LedgerApi
  }
}
