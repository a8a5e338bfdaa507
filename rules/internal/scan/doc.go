// Package scan holds what more than one rule package reads from a project: the objects a preload exposes with
// contextBridge and the ipcRenderer calls inside them, the HTML pages in order, and a cache of per-file and
// per-page results that forgets a file once it is collected. It holds no rule and decides nothing.
package scan
