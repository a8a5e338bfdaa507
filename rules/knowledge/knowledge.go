package knowledge

import (
	_ "embed"
	"strings"
)

//go:embed webglobals.txt
var webGlobalsTxt string

// WebGlobals are the names a page's global scope has by itself (DOM and ECMAScript). Reading one of them from a
// preload works under context isolation (the preload's world has its own copy); overriding one changes only the
// preload's copy.
var WebGlobals = func() map[string]bool {
	m := map[string]bool{}
	for _, line := range strings.Split(webGlobalsTxt, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			m[line] = true
		}
	}
	return m
}()

// NodeGlobals are the globals Node adds to a preload without isolation or sandbox.
var NodeGlobals = map[string]bool{
	"require": true, "module": true, "exports": true, "__dirname": true, "__filename": true, "process": true,
	"Buffer": true, "global": true, "setImmediate": true, "clearImmediate": true,
}

// sandboxGlobals are the Node globals a sandboxed preload still has (docs/tutorial/sandbox.md, "Preload scripts":
// require limited to a few modules, and the Buffer, process, clearImmediate and setImmediate polyfills; the
// preload wrapper also passes global, exports and module).
var sandboxGlobals = map[string]bool{
	"require": true, "process": true, "Buffer": true, "global": true, "setImmediate": true,
	"clearImmediate": true, "exports": true, "module": true,
}

// SandboxModules are the modules a sandboxed preload may require.
var SandboxModules = map[string]bool{
	"electron": true, "electron/renderer": true, "electron/common": true, "events": true, "timers": true, "url": true,
	"node:events": true, "node:timers": true, "node:url": true,
}

// SandboxProcess lists what the process object of a sandboxed preload has (docs/api/process.md, "Sandbox"), plus
// the EventEmitter methods it inherits.
var SandboxProcess = map[string]bool{
	"crash": true, "hang": true, "getCreationTime": true, "getHeapStatistics": true, "getBlinkMemoryInfo": true,
	"getProcessMemoryInfo": true, "getSystemMemoryInfo": true, "getSystemVersion": true, "getCPUUsage": true,
	"uptime": true, "argv": true, "execPath": true, "env": true, "pid": true, "arch": true, "platform": true,
	"sandboxed": true, "contextIsolated": true, "type": true, "version": true, "versions": true, "mas": true,
	"windowsStore": true, "contextId": true,
	"on": true, "once": true, "off": true, "emit": true, "addListener": true, "removeListener": true,
	"removeAllListeners": true, "listeners": true, "prependListener": true, "prependOnceListener": true,
}

// nodeBuiltins are Node's built-in modules (without the node: prefix).
var nodeBuiltins = map[string]bool{}

func init() {
	for _, m := range strings.Fields(`assert async_hooks buffer child_process cluster console constants crypto dgram
		diagnostics_channel dns domain events fs fs/promises http http2 https inspector module net os path
		path/posix path/win32 perf_hooks process punycode querystring readline repl stream stream/promises
		string_decoder sys timers timers/promises tls trace_events tty url util util/types v8 vm wasi
		worker_threads zlib sqlite test`) {
		nodeBuiltins[m] = true
	}
}

// IsNodeBuiltin reports whether a module specifier names one of Node's built-in modules.
func IsNodeBuiltin(spec string) bool {
	return nodeBuiltins[strings.TrimPrefix(spec, "node:")]
}

// IsElectronModule reports whether a specifier loads Electron's API (electron, its process subpaths, or
// @electron/remote).
func IsElectronModule(spec string) bool {
	switch spec {
	case "electron", "electron/renderer", "electron/common", "electron/main", "@electron/remote",
		"@electron/remote/renderer":
		return true
	}
	return false
}

// ErrorHandlers are the window's error event handler properties: a world's uncaught errors and unhandled
// rejections are reported in that world, so a handler the preload sets under isolation no longer sees the page's.
var ErrorHandlers = map[string]bool{"onerror": true, "onunhandledrejection": true, "onrejectionhandled": true}

// rendererOverridable are page globals whose assignment in a preload still reaches the page under isolation:
// event handler properties and properties of the browsing context, which all worlds share.
func SharedAcrossWorlds(name string) bool {
	if strings.HasPrefix(name, "on") {
		return true
	}
	switch name {
	case "location", "name", "status":
		return true
	}
	return false
}

// CloneableConstructors are the classes whose instances cross the bridge intact (the type table: Promise, Error,
// and the structured-cloneable types).
var CloneableConstructors = map[string]bool{
	"Promise": true, "Error": true, "TypeError": true, "RangeError": true, "SyntaxError": true, "Date": true,
	"Map": true, "Set": true, "RegExp": true, "ArrayBuffer": true, "DataView": true, "Blob": true, "File": true,
	"ImageData": true, "Int8Array": true, "Uint8Array": true, "Uint8ClampedArray": true, "Int16Array": true,
	"Uint16Array": true, "Int32Array": true, "Uint32Array": true, "Float32Array": true, "Float64Array": true,
	"BigInt64Array": true, "BigUint64Array": true, "Array": true, "Object": true, "String": true, "Number": true,
	"Boolean": true,
}
