// What the preload exposes, for the page's code.
export {}

declare global {
  interface Window {
    desktop: {
      loadSettings(): Promise<Record<string, string>>;
      saveSettings(values: Record<string, string>): void;
    };
  }
}
