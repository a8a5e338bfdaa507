// Package windows holds the rules that decide a window's webPreferences, last, once every preload and page rewrite
// is planned: web-preferences turns isolation on and Node integration off where nothing the window runs still
// needs them, options-unfollowable reports options built in a way isolate cannot follow, renderer-node page code
// that reaches Node or Electron directly, and bridge-page-write page code that writes to an exposed object. It
// plans no preload rewrite itself (packages exposure and ipc do).
package windows
