package syntax

import (
	"strings"
	"testing"
)

func TestResolveScopes(t *testing.T) {
	src := `const { ipcRenderer: ipc } = require('electron')
import def, { a as b } from 'x'
let count = 0
function bump () { count++ }
const window = 'shadow'
function f (window, { opt }, ...rest) {
  var inner = window + opt + rest.length
  return inner
}
try { g() } catch (err) { console.log(err, b, def) }
for (const k of list) { k }
globalThis.api = { send: (m) => ipc.send('x', m) }
;({ count } = other)
`
	f, err := Parse("a.js", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	s := Resolve(f)
	var free []string
	for _, n := range s.Free {
		free = append(free, f.Text(n))
	}
	got := strings.Join(free, " ")
	if want := "require g console list globalThis other"; got != want {
		t.Errorf("free = %q, want %q", got, want)
	}
	byName := map[string]*Binding{}
	for _, b := range s.Bindings {
		if byName[b.Name] == nil {
			byName[b.Name] = b
		}
	}
	if b := byName["count"]; b.Kind != Let || b.Stable() || len(b.Writes) != 2 {
		t.Errorf("count: kind %v stable %v writes %d", b.Kind, b.Stable(), len(b.Writes))
	}
	if b := byName["ipc"]; b.Kind != Const || !b.Stable() || len(b.Refs) != 1 || b.Init() != nil {
		t.Errorf("ipc: %+v", b)
	}
	if b := byName["window"]; b.Init() == nil || f.Text(b.Init()) != "'shadow'" {
		t.Errorf("window const: %+v", b)
	}
	// The parameter named window shadows the top-level one inside f.
	for _, n := range f.Root.Find("identifier") {
		if f.Text(n) == "window" && n.Parent.Kind == "binary_expression" {
			if b := s.Of(n); b == nil || b.Kind != Param {
				t.Errorf("window inside f resolves to %+v", b)
			}
		}
	}
	for _, name := range []string{"b", "def"} {
		if b := byName[name]; b == nil || b.Kind != Import || len(b.Refs) != 1 {
			t.Errorf("%s: %+v", name, b)
		}
	}
	if b := byName["err"]; b == nil || b.Kind != CatchParam || len(b.Refs) != 1 {
		t.Errorf("err: %+v", b)
	}
}

func TestResolveTypeScript(t *testing.T) {
	src := `import electron = require('electron')
declare const BUILD: string
class Store { x = 1 }
enum Mode { A }
const s: Store = new Store()
export { s as store }
const v = (window as any).api as Api
const on = (listener: (...args: unknown[]) => void): (() => void) => () => listener()
`
	f, err := Parse("a.ts", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	s := Resolve(f)
	var free []string
	for _, n := range s.Free {
		free = append(free, f.Text(n))
	}
	if got := strings.Join(free, " "); got != "window" {
		t.Errorf("free = %q", got)
	}
	for _, b := range s.Bindings {
		switch b.Name {
		case "electron":
			if b.Kind != Import {
				t.Errorf("electron kind %v", b.Kind)
			}
		case "BUILD":
			if !b.Ambient {
				t.Error("declare const is not ambient")
			}
		case "Store":
			if b.Kind != ClassDecl || len(b.Refs) != 1 {
				t.Errorf("Store: kind %v refs %d", b.Kind, len(b.Refs))
			}
		case "s":
			if len(b.Refs) != 1 {
				t.Errorf("s refs %d (export specifier is a reference)", len(b.Refs))
			}
		}
	}
}

func TestResolveSkipsTypeLevelNames(t *testing.T) {
	src := `export interface SetTitle { args: [title: string]; run(...args: string[]): void }
type Listener = (event: unknown, ...payload: number[]) => void
declare function onFocus(listener: (focused: boolean) => void): void
const api = { set: (title: string) => title } satisfies Record<string, (t: string) => string>
`
	f, err := Parse("contract.ts", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	s := Resolve(f)
	var free []string
	for _, n := range s.Free {
		free = append(free, f.Text(n))
	}
	if len(free) != 0 {
		t.Errorf("type-level names taken for globals: %q", free)
	}
}

func TestResolveAmbientDeclarationsAreGlobals(t *testing.T) {
	src := `interface AppWindow extends Window { api: unknown }
declare let window: AppWindow
declare const BUILD: string
window.api = { build: BUILD }
`
	f, err := Parse("preload.ts", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	s := Resolve(f)
	var free []string
	for _, n := range s.Free {
		free = append(free, f.Text(n))
		if s.AmbientOf(n) == nil {
			t.Errorf("%s at %s: no ambient declaration recorded", f.Text(n), f.Pos(n.Start))
		}
	}
	if got := strings.Join(free, " "); got != "window BUILD" {
		t.Errorf("free = %q, want the declared-only names, which read the globals at run time", got)
	}
}

func TestResolveClassExpressionName(t *testing.T) {
	src := `const Store = class LocalStore { static create () { return new LocalStore() } }
module.exports = class Checker { start () { return Checker.name } }
`
	f, err := Parse("store.js", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	s := Resolve(f)
	var free []string
	for _, n := range s.Free {
		free = append(free, f.Text(n))
	}
	if got := strings.Join(free, " "); got != "module" {
		t.Errorf("free = %q, want only module: a class expression's name is bound inside its body", got)
	}
	if b := s.Lookup(f.Root, "LocalStore"); b != nil {
		t.Errorf("LocalStore is visible outside its class: %+v", b)
	}
}
