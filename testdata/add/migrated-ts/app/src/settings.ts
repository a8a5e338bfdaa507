// Settings live in memory in this example.
const current: Record<string, string> = { theme: "light" }

export function loadSettings(): Record<string, string> {
  return { ...current }
}

export function saveSettings(values: Record<string, string>): void {
  Object.assign(current, values)
}
