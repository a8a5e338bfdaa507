// Bundled by webpack into dist/web.js; __non_webpack_require__ is Node's own require, left as it is.
const { getCurrentWindow } = __non_webpack_require__('@electron/remote')

export function showUpdateBanner (version) {
  const banner = document.createElement('div')
  banner.textContent = `Version ${version} is ready`
  banner.onclick = () => getCurrentWindow().reload()
  document.body.append(banner)
}
