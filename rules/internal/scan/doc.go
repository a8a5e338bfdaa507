// Package scan holds what more than one rule package reads from a project: the objects a preload exposes with
// contextBridge and the ipcRenderer calls inside them, and the HTML pages in order. It holds no rule and decides
// nothing.
package scan
