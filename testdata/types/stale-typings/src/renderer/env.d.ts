// What the preload exposes. Keep in step with src/preload/index.ts.
declare global {
  interface Window {
    clips: {
      history: () => Promise<string[]>
      pin: (id: string) => void
      unpin: (id: number) => void
      version: string
    }
  }
}

export {}
