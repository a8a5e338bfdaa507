package bridge

// EmitWindowTypes writes the declaration file that types window[b.Key] for the renderer, from the contract's Api,
// so page code is checked against exactly what the preload exposes. It is a .d.ts in both languages: a
// JavaScript project's tsconfig includes it the same way.
func EmitWindowTypes(b Bridge, contract string) ([]byte, error) {
	if err := b.Validate(); err != nil {
		return nil, err
	}
	var w writer
	w.linef("// Types window.%s for the renderer: the preload exposes exactly the contract's Api there.", b.Key)
	w.line("// Generated from the bridge contract by isolate.")
	w.linef("import type { Api } from %s", jsString(contract))
	w.line("")
	w.line("declare global {")
	w.line("  interface Window {")
	w.linef("    readonly %s: Api", b.Key)
	w.line("  }")
	w.line("}")
	w.line("")
	w.line("export {}")
	return w.bytes(), nil
}
