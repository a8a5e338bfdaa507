import type { LedgerApi } from './main'
import { Channel } from './main'
import { ipcRenderer } from 'electron'

const total: Channel = 'ledger:total'
const api: LedgerApi = { total: () => ipcRenderer.invoke(total) }
;(window as any).ledger = api
