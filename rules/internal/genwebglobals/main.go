// Command genwebglobals writes rules/knowledge/webglobals.txt: every name a web page's global scope has, read from
// TypeScript's own declarations of the DOM and of ECMAScript (lib.dom.d.ts, lib.es*.d.ts) and, since TypeScript
// leaves out what not every browser ships (ImageCapture, the Web GPU classes), from the properties of window and
// its prototypes in Chromium, the browser Electron is. Rules use the list to tell a page built-in
// (window.prompt) from a name page scripts define (window.myApp).
//
// Regenerate with the TypeScript release and the Chromium the list names:
//
//	npm pack typescript@5.6.3 && tar xzf typescript-5.6.3.tgz
//	go run ./rules/internal/genwebglobals -lib package/lib -chromium chromium > rules/knowledge/webglobals.txt
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/isolate-dev/isolate/syntax"
)

// windowNamesPage lists, in a <pre>, the own property names of window and of every prototype up to Object's.
const windowNamesPage = `<!DOCTYPE html><html><body><pre id="names"></pre><script>
const names = new Set()
for (let o = window; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) Object.getOwnPropertyNames(o).forEach((n) => names.add(n))
document.getElementById('names').textContent = [...names].sort().join('\n')
</script></body></html>
`

var preRe = regexp.MustCompile(`(?s)<pre id="names">(.*?)</pre>`)

// chromiumNames loads windowNamesPage from a file (a file:// page, as an Electron app's pages are) in headless
// Chromium and returns the names it lists, with the browser's version.
func chromiumNames(exe string) ([]string, string, error) {
	dir, err := os.MkdirTemp("", "genwebglobals")
	if err != nil {
		return nil, "", err
	}
	defer os.RemoveAll(dir)
	page := filepath.Join(dir, "names.html")
	if err := os.WriteFile(page, []byte(windowNamesPage), 0o644); err != nil {
		return nil, "", err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	version, err := exec.CommandContext(ctx, exe, "--version").Output()
	if err != nil {
		return nil, "", err
	}
	out, err := exec.CommandContext(ctx, exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
		"--no-first-run", "--disable-extensions", "--user-data-dir="+filepath.Join(dir, "profile"), "--dump-dom",
		"file://"+page).Output()
	if err != nil {
		return nil, "", fmt.Errorf("%s: %v", exe, err)
	}
	m := preRe.FindSubmatch(out)
	if m == nil {
		return nil, "", fmt.Errorf("%s printed no list of names", exe)
	}
	var names []string
	for _, n := range strings.Split(html.UnescapeString(string(m[1])), "\n") {
		if n = strings.TrimSpace(n); n != "" {
			names = append(names, n)
		}
	}
	// "Chromium 156.0.8078.79 built on Debian …": the name and the version.
	v := strings.Fields(string(bytes.TrimSpace(version)))
	if len(v) > 2 {
		v = v[:2]
	}
	return names, strings.Join(v, " "), nil
}

func main() {
	lib := flag.String("lib", "", "TypeScript's lib directory")
	chromium := flag.String("chromium", "", "a Chromium executable whose window's properties are added to the list")
	flag.Parse()
	files, _ := filepath.Glob(filepath.Join(*lib, "lib.*.d.ts"))
	names := map[string]bool{}
	interfaces := map[string]*syntax.Node{}
	srcOf := map[*syntax.Node]*syntax.File{}
	for _, path := range files {
		base := filepath.Base(path)
		if !strings.HasPrefix(base, "lib.dom") && !strings.HasPrefix(base, "lib.es") {
			continue
		}
		src, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		f := syntax.ParseAs(base, src, syntax.TS)
		for _, st := range f.Root.NamedChildren() {
			switch st.Kind {
			case "ambient_declaration":
				for _, d := range st.NamedChildren() {
					switch d.Kind {
					case "variable_declaration", "lexical_declaration":
						for _, v := range d.NamedChildren() {
							if v.Kind == "variable_declarator" {
								names[f.Text(v.Child("name"))] = true
							}
						}
					case "function_signature", "internal_module", "module":
						if n := d.Child("name"); n != nil {
							names[f.Text(n)] = true
						}
					}
				}
			case "interface_declaration":
				name := f.Text(st.Child("name"))
				if interfaces[name] == nil {
					interfaces[name] = st
					srcOf[st] = f
				}
			}
		}
	}
	// Members of Window and of every interface it extends.
	seen := map[string]bool{}
	var visit func(string)
	visit = func(name string) {
		if seen[name] || interfaces[name] == nil {
			return
		}
		seen[name] = true
		it := interfaces[name]
		f := srcOf[it]
		for _, m := range it.Child("body").NamedChildren() {
			if n := m.Child("name"); n != nil && n.Kind == "property_identifier" {
				names[f.Text(n)] = true
			}
		}
		if ext := it.FirstOfKind("extends_type_clause"); ext != nil {
			for _, t := range ext.ChildrenOf("type") {
				visit(strings.SplitN(f.Text(t), "<", 2)[0])
			}
		}
	}
	visit("Window")
	source := "TypeScript 5.6.3's lib.dom.d.ts and lib.es*.d.ts"
	if *chromium != "" {
		extra, version, err := chromiumNames(*chromium)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		for _, n := range extra {
			names[n] = true
		}
		source += ", and window's properties in " + version
	}
	list := make([]string, 0, len(names))
	for n := range names {
		list = append(list, n)
	}
	sort.Strings(list)
	fmt.Println("# Names of a web page's global scope, from " + source + ".")
	fmt.Println("# Generated by rules/internal/genwebglobals; do not edit.")
	for _, n := range list {
		fmt.Println(n)
	}
}
