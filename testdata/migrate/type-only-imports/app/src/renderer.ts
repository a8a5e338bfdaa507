import { IpcRenderer } from 'electron'
import * as fs from 'fs'
import type { LedgerApi } from './main'

// Types only: the compiler drops these imports.
let unusedIpc: IpcRenderer | undefined
let files: typeof fs | undefined
const ledger: LedgerApi = (window as any).ledger

ledger.total().then((t) => { document.getElementById('total')!.textContent = String(t) })
