import type { MainApi } from './ipc'

declare global {
  interface Window {
    main: MainApi
  }
}
