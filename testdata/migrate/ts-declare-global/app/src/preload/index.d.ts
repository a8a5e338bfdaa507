import type { Settings } from '../shared/settings'

declare global {
  interface Window {
    api: {
      getSettings: () => Promise<Settings>
      saveSettings: (next: Settings) => Promise<void>
    }
  }
}
