// The page: shows the theme setting.
void window.desktop.loadSettings().then((settings) => {
  document.body.dataset.theme = settings.theme ?? "light"
})
