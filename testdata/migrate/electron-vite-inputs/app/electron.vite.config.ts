import { resolve } from 'path'
import { defineConfig } from 'electron-vite'

export default defineConfig({
  main: {},
  preload: {
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/preload/index.ts'),
          // The server window's preload is the old page controller, built as a preload entry.
          server: resolve(__dirname, 'src/win/server.ts'),
        },
      },
    },
  },
  renderer: {},
})
