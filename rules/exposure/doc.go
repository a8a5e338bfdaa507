// Package exposure plans what a preload puts on the page and how it crosses to an isolated page: it reads
// window.X = … (and global.X, member by member, inside process.once('loaded')), classifies each value by what
// contextBridge can carry, decides per window whether isolation can be turned on (window state, sandboxing), and
// writes the contextBridge.exposeInMainWorld call and the Window typings. Its rules are window-assign and the
// findings that explain what it cannot rewrite (bridge-value, expose-node-api, late-exposure,
// preload-page-global, preload-not-sandboxable). It does not rewrite IPC passthroughs (package ipc, which
// builds on this plan and answers through IPC) nor webPreferences (package windows).
package exposure
