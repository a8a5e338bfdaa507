package rules

import (
	"encoding/json"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/isolate-dev/isolate/project"
)

// The IPC rewrites change the preload and the page code together, so these runs give the harness the page
// scripts as they were and as the migration left them, and compare the traffic: every message sent to main
// (channel and arguments), every listener registered, and what the page shows and logs when main's events
// arrive.

// ipcFixtures are the fixtures of the IPC rewrites. Their page code must behave the same after migration,
// dynamic channels included: a call isolate could not rewrite goes through a generic member restricted to the
// channels the app knows, and these fixtures only use known ones at run time.
var ipcFixtures = []string{"ipc-send-receive", "ipc-whole-ipcrenderer", "ipc-allowlist", "ipc-node-renderer",
	"ipc-dynamic-channels", "ipc-ts-declare-global", "page-process", "page-process-preload", "page-process-ts"}

func TestIPCMigrationKeepsTraffic(t *testing.T) {
	for _, name := range ipcFixtures {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join("..", "testdata", "migrate", name)
			facts := loadApp(t, filepath.Join(dir, "app"))
			_, out := migrate(t, facts)
			pages, order := pageScripts(t, facts)
			config := filepath.Join(dir, "harness.json")
			if _, err := os.Stat(config); err != nil {
				config = ""
			}
			migrated := reload(t, facts, out)
			compared := 0
			for wi, w := range facts.Windows {
				page := pageFor(facts, w)
				if page == "" {
					continue
				}
				var legacy []byte
				if pre := facts.Files[w.Preload]; pre != nil {
					legacy = pre.Src
				}
				// The preload the migrated window loads (created when it had none).
				// Windows keep their order; their lines may move (a require added above them).
				var isolatedPreload string
				if len(migrated.Windows) == len(facts.Windows) {
					isolatedPreload = migrated.Windows[wi].Preload
				}
				if isolatedPreload == "" {
					t.Fatalf("the migrated window at %s:%d has no preload", w.File, w.Line(facts))
				}
				isolated := migrated.Files[isolatedPreload].Src
				var legacyPages, isolatedPages []namedSource
				for _, p := range order[page] {
					legacyPages = append(legacyPages, namedSource{p, pages[p]})
					src := pages[p]
					if changed, ok := out[p]; ok {
						src = changed
					}
					isolatedPages = append(isolatedPages, namedSource{p, src})
				}
				l, i := runHarnessPages(t, legacy, isolated, path.Base(isolatedPreload), legacyPages, isolatedPages, config)
				assertSameBehaviour(t, l, i)
				compared++
			}
			if compared == 0 {
				t.Fatal("no window was compared")
			}
			// The migrated preload exposes no generic member for a known channel, and the page calls only
			// per-message methods, except where a finding says why not.
			for _, pt := range migrated.Channels.Passthroughs {
				for _, u := range migrated.Channels.Through(pt) {
					if u.Known {
						t.Errorf("%s: the migrated page still calls %s with the known channel '%s'", u.File, pt.Name(), u.Channel)
					}
				}
			}
			for _, u := range migrated.Channels.Uses {
				if u.Side == project.SideRenderer && u.Via == nil && !u.Forward {
					if _, isPage := migrated.Pages[u.File]; !isPage {
						t.Errorf("%s: the migrated page still calls ipcRenderer.%s itself", u.File, u.Op)
					}
				}
			}
		})
	}
}

type namedSource struct {
	name string
	src  []byte
}

// runHarnessPages runs the harness with a legacy preload (nil for none) and page scripts, and a migrated preload
// and page scripts.
func runHarnessPages(t *testing.T, legacy, migrated []byte, preloadName string, legacyPages, isolatedPages []namedSource, config string) (trace, trace) {
	t.Helper()
	write := scriptWriter(t)
	args := []string{"--isolated", write("migrated/"+preloadName, migrated)}
	if legacy != nil {
		args = append(args, "--legacy", write("legacy/"+preloadName, legacy))
		if strings.Contains(string(legacy), "exposeInMainWorld") {
			// Already isolated, with a generic bridge: the legacy run goes through the bridge too.
			args = append(args, "--legacy-isolated")
		}
	}
	if config != "" {
		args = append(args, "--config", config)
	}
	for _, p := range legacyPages {
		args = append(args, "--legacy-page", write("legacy-page/"+p.name, p.src))
	}
	for _, p := range isolatedPages {
		args = append(args, "--isolated-page", write("migrated-page/"+p.name, p.src))
	}
	return harness(t, args)
}

// TestIPCHarnessSeesTrafficChanges makes sure the comparison fails when a rewrite changes the traffic: a method
// bound to the wrong channel, and a callback that now receives the event no more.
func TestIPCHarnessSeesTrafficChanges(t *testing.T) {
	legacy := []byte(`const { ipcRenderer } = require('electron')
window.api = {
  send: (channel, data) => ipcRenderer.send(channel, data),
  receive: (channel, fn) => ipcRenderer.on(channel, fn)
}
`)
	page := []byte(`window.api.send('save', 1)
window.api.receive('saved', (event, n) => console.log('saved', n))
`)
	wrongChannel := []byte(`const { ipcRenderer, contextBridge } = require('electron')
contextBridge.exposeInMainWorld('api', {
  save: (data) => ipcRenderer.send('save-file', data),
  onSaved: (cb) => { ipcRenderer.on('saved', (_e, ...a) => cb(...a)) }
})
`)
	newPage := []byte(`window.api.save(1)
window.api.onSaved((event, n) => console.log('saved', n))
`)
	l, i := runHarnessPages(t, legacy, wrongChannel, "preload.js", []namedSource{{"page.js", page}}, []namedSource{{"page.js", newPage}}, "")
	if equalTraces(l, i) {
		t.Fatalf("a method on the wrong channel went unnoticed: %v", l)
	}
	right := []byte(strings.Replace(string(wrongChannel), "'save-file'", "'save'", 1))
	l, i = runHarnessPages(t, legacy, right, "preload.js", []namedSource{{"page.js", page}}, []namedSource{{"page.js", newPage}}, "")
	if equalTraces(l, i) {
		t.Fatalf("a callback that lost its first argument went unnoticed: %v", l)
	}
	fixedPage := []byte(`window.api.save(1)
window.api.onSaved((n) => console.log('saved', n))
`)
	l, i = runHarnessPages(t, legacy, right, "preload.js", []namedSource{{"page.js", page}}, []namedSource{{"page.js", fixedPage}}, "")
	assertSameBehaviour(t, l, i)
}

func equalTraces(a, b trace) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}
