// Package ipc replaces generic IPC passthroughs by one method per message: it plans, from the project's channel
// inventory, the methods a preload exposes instead of send(channel, …), on(channel, fn) or the whole ipcRenderer
// (ipc-passthrough), the page calls that follow (renderer-calls), page code that used ipcRenderer itself
// (renderer-ipc), the Window typings of those methods (window-types, which `isolate types` runs), and channels the
// page builds at run time (ipc-dynamic-channel). It builds on the exposure plan (package exposure) and tells it,
// through exposure.IPC, what it replaces; it does not touch webPreferences.
package ipc
