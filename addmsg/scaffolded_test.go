package addmsg

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/isolate-dev/isolate/bridge"
	"github.com/isolate-dev/isolate/scaffold"
	"github.com/isolate-dev/isolate/syntax"
)

// newApp writes a freshly scaffolded app into a temporary directory.
func newApp(t *testing.T, lang, ui string) string {
	t.Helper()
	files, err := scaffold.Render(scaffold.Options{Name: "demo", Lang: lang, UI: ui, PM: "npm"})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := scaffold.Write(dir, files); err != nil {
		t.Fatal(err)
	}
	return dir
}

func read(t *testing.T, dir, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// snapshot reads every file of dir.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// The contract of a new app reads back as the bridge it was generated from, and emitting that bridge again
// gives the very same files: add starts from exactly what the app has.
func TestContractReadsBackAsTheSampleBridge(t *testing.T) {
	for _, lang := range scaffold.Langs {
		dir := newApp(t, lang, "vanilla")
		s, err := readSource(dir, contractPath+"."+lang)
		if err != nil {
			t.Fatal(err)
		}
		regions, err := findRegions(s.File)
		if err != nil {
			t.Fatal(err)
		}
		msgs, err := readContract(s.File, regions)
		if err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		want := scaffold.SampleBridge()
		if !reflect.DeepEqual(msgs, want.Messages) {
			t.Errorf("%s: read back\n%+v\nwant\n%+v", lang, msgs, want.Messages)
		}
		again, err := bridge.EmitContract(bridge.Bridge{Key: "api", Messages: msgs}, bridge.Lang(lang))
		if err != nil || string(again) != string(s.Src) {
			t.Errorf("%s: re-emitted contract differs (%v)", lang, err)
		}
	}
}

// A type edited by hand in the contract, optional and multi-line types and docs survive a read-back.
func TestContractReadsHandEditedTypes(t *testing.T) {
	b := bridge.Bridge{Key: "api", Messages: []bridge.Message{
		{Method: "find", Channel: "db:find", Kind: bridge.Invoke, Doc: "Finds rows.", OptionalParams: 1,
			Params: []bridge.Param{{Name: "query", Type: "{\n  text: string\n  limit?: number\n}"}, {Name: "page", Type: "number"}},
			Result: "Array<{ id: string }>"},
		{Method: "onTick", Channel: "tick", Kind: bridge.Event},
		{Method: "legacy", Channel: "legacy", Kind: bridge.SendSync, Params: []bridge.Param{{Type: "string"}}, Result: "boolean"},
	}}
	for _, lang := range []bridge.Lang{bridge.TypeScript, bridge.JavaScript} {
		src, err := bridge.EmitContract(b, lang)
		if err != nil {
			t.Fatal(err)
		}
		f := syntax.ParseAs("contract."+string(lang), src, map[bridge.Lang]syntax.Lang{bridge.TypeScript: syntax.TS, bridge.JavaScript: syntax.JS}[lang])
		regions, err := findRegions(f)
		if err != nil {
			t.Fatal(err)
		}
		msgs, err := readContract(f, regions)
		if err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		back, _ := bridge.EmitContract(bridge.Bridge{Key: "api", Messages: msgs}, lang)
		if string(back) != string(src) {
			t.Errorf("%s: round trip differs:\n%s\n---\n%s", lang, src, back)
		}
	}
}

// outsideRegions is a file's text with the inside of its isolate regions left out.
func outsideRegions(t *testing.T, path, src string) string {
	t.Helper()
	f, err := syntax.Parse(path, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	regions, err := findRegions(f)
	if err != nil {
		t.Fatal(err)
	}
	type span struct{ start, end int }
	var spans []span
	for _, r := range regions {
		spans = append(spans, span{r.innerStart, r.innerEnd})
	}
	var b strings.Builder
	for i := 0; i < len(src); i++ {
		inside := false
		for _, s := range spans {
			if i >= s.start && i < s.end {
				inside = true
			}
		}
		if !inside {
			b.WriteByte(src[i])
		}
	}
	return b.String()
}

// Adding each kind to each language: the contract, preload and main IPC module change only inside their regions
// and in their import lines; the handlers file gains a stub for what the page sends, and nothing else changes.
func TestAddToScaffoldedApp(t *testing.T) {
	for _, lang := range scaffold.Langs {
		for _, c := range []struct {
			req   Request
			files []string // changed, without extension, in path order
		}{
			{Request{Method: "getUser", Kind: bridge.Invoke, Params: "id: string, force?: boolean", Result: "{ name: string }"},
				[]string{handlersPath, mainIPCPath, preloadPath, contractPath}},
			{Request{Method: "saveDraft", Kind: bridge.Send, Params: "text: string"},
				[]string{handlersPath, mainIPCPath, preloadPath, contractPath}},
			{Request{Method: "onFileSaved", Kind: bridge.Event, Params: "path: string"},
				[]string{mainIPCPath, preloadPath, contractPath}},
		} {
			dir := newApp(t, lang, "react")
			before := snapshot(t, dir)
			res, err := Compute(dir, c.req)
			if err != nil {
				t.Fatalf("%s %s: %v", lang, c.req.Method, err)
			}
			var changed []string
			for _, ch := range res.Plan.Changes {
				changed = append(changed, strings.TrimSuffix(ch.Path, "."+lang))
				if ch.Diff == "" || !strings.HasPrefix(ch.Diff, "diff --git a/"+ch.Path) {
					t.Errorf("%s %s: %s has no diff", lang, c.req.Method, ch.Path)
				}
			}
			if !reflect.DeepEqual(changed, c.files) {
				t.Errorf("%s %s: changes %v, want %v", lang, c.req.Method, changed, c.files)
			}
			if got := snapshot(t, dir); !reflect.DeepEqual(got, before) {
				t.Fatalf("%s %s: Compute wrote to the app", lang, c.req.Method)
			}
			if res.App != Scaffolded || res.Key != "api" || res.Message.Channel != DefaultChannel(c.req.Method, c.req.Kind, []string{"app:x", "window:y"}) {
				t.Errorf("%s %s: result %+v", lang, c.req.Method, res)
			}
			for _, ch := range res.Plan.Changes {
				if strings.HasPrefix(ch.Path, handlersPath) {
					if !strings.Contains(string(ch.New), c.req.Method+": (_event") {
						t.Errorf("%s: handlers stub missing:\n%s", lang, ch.New)
					}
					continue
				}
				old := strings.Split(outsideRegions(t, ch.Path, string(ch.Old)), "\n")
				neu := strings.Split(outsideRegions(t, ch.Path, string(ch.New)), "\n")
				if len(old) != len(neu) {
					t.Errorf("%s %s: %s: lines outside the regions were added or removed", lang, c.req.Method, ch.Path)
					continue
				}
				for i := range old {
					if old[i] != neu[i] && !strings.HasPrefix(old[i], "import ") && !strings.HasPrefix(old[i], "/** @import ") {
						t.Errorf("%s %s: %s: line outside the regions changed:\n-%s\n+%s", lang, c.req.Method, ch.Path, old[i], neu[i])
					}
				}
				if !strings.Contains(string(ch.New), c.req.Method) {
					t.Errorf("%s: %s does not mention %s", lang, ch.Path, c.req.Method)
				}
			}
			if err := res.Write(); err != nil {
				t.Fatal(err)
			}
			// The new message reads back from the contract, channel and all.
			s, _ := readSource(dir, contractPath+"."+lang)
			regions, _ := findRegions(s.File)
			msgs, err := readContract(s.File, regions)
			if err != nil || len(msgs) != 4 || msgs[3].Method != c.req.Method || msgs[3].Channel != res.Message.Channel {
				t.Errorf("%s %s: contract after add reads %+v, %v", lang, c.req.Method, msgs, err)
			}
			// A second add of the same name is refused, naming what exists.
			_, err = Compute(dir, c.req)
			if err == nil || !strings.Contains(err.Error(), "window.api."+c.req.Method+" exists already") ||
				!strings.Contains(err.Error(), "getVersions, setTitle, onFocusChanged, "+c.req.Method) {
				t.Errorf("%s: second add: %v", lang, err)
			}
		}
	}
}

func TestAddRefusesATakenChannel(t *testing.T) {
	dir := newApp(t, "ts", "vanilla")
	_, err := Compute(dir, Request{Method: "setCaption", Kind: bridge.Send, Channel: "window:set-title"})
	if err == nil || !strings.Contains(err.Error(), `channel "window:set-title" is used by window.api.setTitle`) {
		t.Errorf("got %v", err)
	}
	// A type name derived from the method that another message has: GetVersions.
	_, err = Compute(dir, Request{Method: "GetVersions", Kind: bridge.Invoke, Channel: "versions"})
	if err == nil || !strings.Contains(err.Error(), "type name GetVersions") {
		t.Errorf("got %v", err)
	}
}

// A region edited by hand is not overwritten unless forced; a region the change does not touch may be edited.
func TestAddRefusesHandEditedRegions(t *testing.T) {
	dir := newApp(t, "ts", "vanilla")
	ipc := filepath.Join(dir, "src/main/ipc.ts")
	src := read(t, dir, "src/main/ipc.ts")
	edited := strings.Replace(src, "    return handlers.getVersions(event)\n", "    console.log('asked')\n    return handlers.getVersions(event)\n", 1)
	if edited == src {
		t.Fatal("fixture edit did not apply")
	}
	if err := os.WriteFile(ipc, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	req := Request{Method: "ping", Kind: bridge.Invoke}
	_, err := Compute(dir, req)
	var hand *HandEditedError
	if !errors.As(err, &hand) || hand.Path != "src/main/ipc.ts" || hand.Region != "register" || !strings.Contains(err.Error(), "--force") {
		t.Fatalf("got %v; want a HandEditedError for the register region", err)
	}
	req.Force = true
	res, err := Compute(dir, req)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range res.Plan.Changes {
		if c.Path == "src/main/ipc.ts" && (strings.Contains(string(c.New), "console.log('asked')") || !strings.Contains(c.Diff, "-    console.log('asked')")) {
			t.Errorf("--force should regenerate the region, dropping the edit, and show that in the diff:\n%s", c.Diff)
		}
	}

	// An event changes neither the register nor the unregister region: the edit there does not matter.
	if _, err := Compute(dir, Request{Method: "onTick", Kind: bridge.Event}); err != nil {
		t.Errorf("event with an edited register region: %v", err)
	}
}

// Line endings and a byte order mark outside the regions survive, and the inserted code uses the file's endings.
func TestAddKeepsCRLF(t *testing.T) {
	dir := newApp(t, "ts", "vanilla")
	for _, rel := range []string{"src/shared/contract.ts", "src/preload/index.ts", "src/main/ipc.ts", "src/main/handlers.ts"} {
		crlf := strings.ReplaceAll(read(t, dir, rel), "\n", "\r\n")
		if err := os.WriteFile(filepath.Join(dir, rel), []byte(crlf), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := Compute(dir, Request{Method: "getUser", Kind: bridge.Invoke, Params: "id: string"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Plan.Changes) != 4 {
		t.Fatalf("%d changes", len(res.Plan.Changes))
	}
	for _, c := range res.Plan.Changes {
		if n := strings.Count(string(c.New), "\n") - strings.Count(string(c.New), "\r\n"); n != 0 {
			t.Errorf("%s: %d bare LF line endings after the change", c.Path, n)
		}
	}
}

func TestAddChecksTheArgsBeforeTheApp(t *testing.T) {
	_, err := Compute(t.TempDir(), Request{Method: "x", Kind: bridge.Send, Params: "a b"})
	var input *InputError
	if !errors.As(err, &input) {
		t.Errorf("got %v; want an InputError whatever the directory", err)
	}
}

// A type the contract does not know is written as given, with a note that says where to declare it.
func TestAddNotesUnknownTypes(t *testing.T) {
	dir := newApp(t, "ts", "vanilla")
	res, err := Compute(dir, Request{Method: "getUser", Kind: bridge.Invoke, Params: "id: UserId", Result: "Promise<User[]> | null"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Notes) != 1 || !strings.Contains(res.Notes[0], "getUser uses UserId, User, which src/shared/contract.ts does not define") {
		t.Errorf("notes %q", res.Notes)
	}
	// Declared in the contract, outside the regions: no note.
	contract := filepath.Join(dir, "src/shared/contract.ts")
	src := read(t, dir, "src/shared/contract.ts") + "\nexport type UserId = string\nexport interface User { name: string }\n"
	if err := os.WriteFile(contract, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if res, err = Compute(dir, Request{Method: "getUser", Kind: bridge.Invoke, Params: "id: UserId", Result: "User"}); err != nil || len(res.Notes) != 0 {
		t.Errorf("notes %q, %v", res.Notes, err)
	}
}

// writeBridgeApp writes the generated files of b (contract, preload, main IPC module) and a handlers file into a
// temporary directory, as isolate new would for that bridge.
func writeBridgeApp(t *testing.T, b bridge.Bridge, lang bridge.Lang, handlers string) string {
	t.Helper()
	ext := "." + string(lang)
	files := map[string]string{handlersPath + ext: handlers}
	emit := map[string]func() ([]byte, error){
		contractPath + ext: func() ([]byte, error) { return bridge.EmitContract(b, lang) },
		preloadPath + ext:  func() ([]byte, error) { return bridge.EmitPreload(b, lang, "../shared/contract") },
		mainIPCPath + ext: func() ([]byte, error) {
			return bridge.EmitMain(b, lang, bridge.MainOptions{Contract: "../shared/contract", Security: "./security"})
		},
	}
	for p, fn := range emit {
		src, err := fn()
		if err != nil {
			t.Fatal(err)
		}
		files[p] = string(src)
	}
	return writeTree(t, files)
}

// Adding kinds the app has none of yet brings in the imports their code needs: the result is what the emitters
// write for the whole new bridge, but for the order of the import specifiers.
func TestAddBringsTheImportsNewCodeNeeds(t *testing.T) {
	for _, lang := range []bridge.Lang{bridge.TypeScript, bridge.JavaScript} {
		b := bridge.Bridge{Key: "api", Messages: []bridge.Message{{Method: "log", Channel: "log", Kind: bridge.Send,
			Params: []bridge.Param{{Name: "line", Type: "string"}}}}}
		handlers := "export const handlers = {\n  log: (_event, line) => console.log(line),\n}\n"
		dir := writeBridgeApp(t, b, lang, handlers)
		for _, req := range []Request{
			{Method: "getUser", Kind: bridge.Invoke, Params: "id: string"},
			{Method: "onTick", Kind: bridge.Event, Params: "n: number"},
		} {
			res, err := Compute(dir, req)
			if err != nil {
				t.Fatalf("%s %s: %v", lang, req.Method, err)
			}
			if err := res.Write(); err != nil {
				t.Fatal(err)
			}
			b.Messages = append(b.Messages, res.Message)
		}
		want := emitAllFiles(t, b, lang)
		for p, src := range want {
			got := read(t, dir, p)
			if withoutImports(got) != withoutImports(src) {
				t.Errorf("%s: %s differs from a fresh emission beyond its imports:\n%s", lang, p, got)
			}
			gotNames, wantNames := importedNames(t, p, got), importedNames(t, p, src)
			if !reflect.DeepEqual(gotNames, wantNames) {
				t.Errorf("%s: %s imports %v, want %v", lang, p, gotNames, wantNames)
			}
		}
	}
}

func emitAllFiles(t *testing.T, b bridge.Bridge, lang bridge.Lang) map[string]string {
	t.Helper()
	ext := "." + string(lang)
	out := map[string]string{}
	for p, fn := range map[string]func() ([]byte, error){
		contractPath + ext: func() ([]byte, error) { return bridge.EmitContract(b, lang) },
		preloadPath + ext:  func() ([]byte, error) { return bridge.EmitPreload(b, lang, "../shared/contract") },
		mainIPCPath + ext: func() ([]byte, error) {
			return bridge.EmitMain(b, lang, bridge.MainOptions{Contract: "../shared/contract", Security: "./security"})
		},
	} {
		src, err := fn()
		if err != nil {
			t.Fatal(err)
		}
		out[p] = string(src)
	}
	return out
}

func withoutImports(src string) string {
	var keep []string
	for _, line := range strings.Split(src, "\n") {
		if !strings.HasPrefix(line, "import ") && !strings.HasPrefix(line, "/** @import ") {
			keep = append(keep, line)
		}
	}
	return strings.Join(keep, "\n")
}

func importedNames(t *testing.T, path, src string) map[string][]string {
	t.Helper()
	f, err := syntax.Parse(path, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, d := range importsOf(f) {
		key := d.source
		if d.jsdoc {
			key = "@import " + key
		}
		out[key] = append(out[key], d.names...)
	}
	for k := range out {
		sort.Strings(out[k])
	}
	return out
}

// A main IPC module generated for a bridge with no message from the page lacks refuse(); adding one says so
// instead of writing code that would not build.
func TestAddRefusesAMainModuleWithoutItsHelpers(t *testing.T) {
	b := bridge.Bridge{Key: "api", Messages: []bridge.Message{{Method: "onTick", Channel: "tick", Kind: bridge.Event}}}
	dir := writeBridgeApp(t, b, bridge.TypeScript, "export const handlers = {}\n")
	_, err := Compute(dir, Request{Method: "ping", Kind: bridge.Invoke})
	if err == nil || !strings.Contains(err.Error(), "src/main/ipc.ts lacks refuse") {
		t.Errorf("got %v", err)
	}
}
