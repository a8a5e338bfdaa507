declare global {
  interface Window {
    api: {
      send(channel: string, data?: unknown): void
      invoke(channel: string, ...args: unknown[]): Promise<unknown>
      on(channel: string, listener: (...args: unknown[]) => void): () => void
      platform: NodeJS.Platform
    }
  }
}

export {}
