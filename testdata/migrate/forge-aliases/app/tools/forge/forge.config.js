const path = require('path')

// Forge runs from the project's directory.
const rootDir = process.cwd()

module.exports = {
  plugins: [
    {
      name: '@electron-forge/plugin-webpack',
      config: {
        mainConfig: path.join(rootDir, 'tools/webpack/main.js'),
        renderer: {
          config: path.join(rootDir, 'tools/webpack/renderer.js'),
          entryPoints: [
            {
              name: 'app_window',
              html: path.join(rootDir, 'src/renderer/app.html'),
              js: path.join(rootDir, 'src/renderer/app.tsx'),
              preload: { js: path.join(rootDir, 'src/renderer/app-preload.ts') }
            }
          ]
        }
      }
    }
  ]
}
