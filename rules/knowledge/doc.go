// Package knowledge holds what isolate knows about Electron and the web platform, as tables every rule reads: the
// Electron versions whose defaults changed and the oldest one still supported, the globals of a page, of Node and
// of a sandboxed preload, Node's built-in modules, and which values cross contextBridge intact. It holds no rule
// and reads no project.
package knowledge
