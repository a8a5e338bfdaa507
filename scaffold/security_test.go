package scaffold

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/evanw/esbuild/pkg/api"

	"github.com/isolate-dev/isolate/internal/testenv"
)

// securityHarness loads the generated security module in Node with a fake electron and drives it the way
// Electron would: requests on app://, IPC senders, navigations, window.open and permission requests.
const securityHarness = `
const Module = require('module');
const [, modulePath, rendererDir] = process.argv;
let serve = null;
const schemes = [];
const opened = [];
const electron = {
  protocol: { registerSchemesAsPrivileged: (s) => schemes.push(...s), handle: (scheme, fn) => { serve = { scheme, fn }; } },
  shell: { openExternal: (url) => { opened.push(url); return Promise.resolve(); } },
};
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'electron' ? electron : load.call(this, request, ...rest);
};
const sec = require(modulePath);
(async () => {
  sec.registerAppScheme();
  sec.serveRenderer(rendererDir);
  const requests = {};
  for (const [name, url, method] of [
    ['index', 'app://bundle/index.html'],
    ['root', 'app://bundle/'],
    ['dotInside', 'app://bundle/sub/../index.html'],
    ['nested', 'app://bundle/sub/page.css'],
    ['dotOutside', 'app://bundle/../secret.txt'],
    ['encodedDots', 'app://bundle/%2e%2e/secret.txt'],
    ['encodedSlash', 'app://bundle/..%2fsecret.txt'],
    ['encodedBackslash', 'app://bundle/..%5csecret.txt'],
    ['symlinkOut', 'app://bundle/link/secret.txt'],
    ['badEncoding', 'app://bundle/%E0%A4%A'],
    ['nul', 'app://bundle/index.html%00.js'],
    ['otherHost', 'app://elsewhere/index.html'],
    ['post', 'app://bundle/index.html', 'POST'],
    ['missing', 'app://bundle/missing.js'],
    ['directory', 'app://bundle/sub'],
  ]) {
    const res = await serve.fn({ url, method: method || 'GET' });
    requests[name] = { status: res.status, csp: res.headers.get('content-security-policy'),
      type: res.headers.get('content-type'), body: res.status === 200 ? await res.text() : '' };
  }
  const senders = {};
  for (const [name, frame] of [
    ['app', { url: 'app://bundle/index.html' }],
    ['otherHost', { url: 'app://bundle.evil/index.html' }],
    ['https', { url: 'https://bundle/' }],
    ['file', { url: 'file:///app/index.html' }],
    ['gone', null],
  ]) senders[name] = sec.isTrustedSender({ senderFrame: frame });

  const on = {};
  let openHandler = null;
  sec.hardenWebContents({ on: (event, fn) => { on[event] = fn; }, setWindowOpenHandler: (fn) => { openHandler = fn; } });
  const prevented = {};
  for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
    for (const url of ['app://bundle/other.html', 'https://example.com/', 'file:///etc/passwd', 'https://www.electronjs.org/navigated']) {
      let stopped = false;
      on[event]({ url, isMainFrame: event === 'will-navigate', preventDefault: () => { stopped = true; } });
      prevented[event + ' ' + url] = stopped;
    }
  }
  let webview = false;
  on['will-attach-webview']({ preventDefault: () => { webview = true; } });
  const windows = ['https://example.com/', 'http://example.com/', 'file:///etc/passwd', 'smb://host/share', 'javascript:alert(1)',
    'https://www.electronjs.org/docs', 'http://www.electronjs.org/docs', 'https://user:pw@www.electronjs.org/',
    'https://www.electronjs.org.evil.example/', 'https://evil.example/?www.electronjs.org']
    .map((url) => openHandler({ url }).action);

  let request = null, check = null;
  sec.hardenSession({ setPermissionRequestHandler: (fn) => { request = fn; }, setPermissionCheckHandler: (fn) => { check = fn; } });
  const granted = [];
  for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read']) {
    request(null, permission, (ok) => granted.push(ok), { requestingUrl: 'app://bundle/index.html' });
    granted.push(check(null, permission, 'app://bundle', {}));
  }
  console.log(JSON.stringify({ schemes, requests, senders, prevented, webview, windows, opened, granted }));
})();
`

// The generated security module, run against a fake electron: app:// serves only files under the renderer
// directory, with the CSP header; only app://bundle frames are trusted senders; navigation stays on app://;
// window.open and links open only https URLs on the listed hosts, outside the app; every permission is denied.
func TestGeneratedSecurityModule(t *testing.T) {
	node := testenv.Tool(t, "node")
	for _, lang := range Langs {
		files, err := Render(Options{Name: "x", Lang: lang, UI: "vanilla", PM: "npm"})
		if err != nil {
			t.Fatal(err)
		}
		var src string
		files2 := map[string]string{}
		for _, f := range files {
			files2[f.Path] = string(f.Data)
			if f.Path == "src/main/security."+lang {
				src = string(f.Data)
			}
		}
		res := api.Transform(src, api.TransformOptions{Loader: api.LoaderTS, Format: api.FormatCommonJS})
		if len(res.Errors) > 0 {
			t.Fatalf("%s: %s", lang, res.Errors[0].Text)
		}
		root := t.TempDir()
		renderer := filepath.Join(root, "dist", "renderer")
		outside := filepath.Join(root, "outside")
		for path, content := range map[string]string{
			"dist/renderer/index.html":   "<title>app</title>",
			"dist/renderer/sub/page.css": "body{}",
			"dist/secret.txt":            "secret",
			"outside/secret.txt":         "secret",
			"main/security.js":           string(res.Code),
			"shared/csp.json":            files2[CSPPath],
		} {
			p := filepath.Join(root, path)
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.Symlink(outside, filepath.Join(renderer, "link")); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(node, "-e", securityHarness, filepath.Join(root, "main", "security.js"), renderer).CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v\n%s", lang, err, out)
		}
		var got struct {
			Schemes []struct {
				Scheme     string
				Privileges map[string]bool
			}
			Requests map[string]struct {
				Status    int
				CSP, Type string
				Body      string
			}
			Senders   map[string]bool
			Prevented map[string]bool
			Webview   bool
			Windows   []string
			Opened    []string
			Granted   []bool
		}
		if err := json.Unmarshal(out, &got); err != nil {
			t.Fatalf("%s: %v\n%s", lang, err, out)
		}
		if len(got.Schemes) != 1 || got.Schemes[0].Scheme != "app" || !got.Schemes[0].Privileges["standard"] ||
			!got.Schemes[0].Privileges["secure"] {
			t.Errorf("%s: registered schemes %+v", lang, got.Schemes)
		}
		for name, r := range got.Requests {
			served := name == "index" || name == "root" || name == "dotInside" || name == "nested"
			if served && (r.Status != 200 || r.CSP != ContentSecurityPolicyHeader() || r.Body == "") {
				t.Errorf("%s: %s: status %d, CSP %q, body %q; want the file with the CSP header", lang, name, r.Status, r.CSP, r.Body)
			}
			if !served && r.Status != 404 {
				t.Errorf("%s: %s: status %d, body %q; want 404", lang, name, r.Status, r.Body)
			}
		}
		if got.Requests["index"].Type != "text/html; charset=utf-8" || got.Requests["nested"].Type != "text/css; charset=utf-8" {
			t.Errorf("%s: content types %q, %q", lang, got.Requests["index"].Type, got.Requests["nested"].Type)
		}
		if want := map[string]bool{"app": true, "otherHost": false, "https": false, "file": false, "gone": false}; !reflect.DeepEqual(got.Senders, want) {
			t.Errorf("%s: trusted senders %v, want %v", lang, got.Senders, want)
		}
		for nav, stopped := range got.Prevented {
			if want := !strings.HasSuffix(nav, " app://bundle/other.html"); stopped != want {
				t.Errorf("%s: %s prevented=%v, want %v", lang, nav, stopped, want)
			}
		}
		if !got.Webview {
			t.Errorf("%s: a <webview> could attach", lang)
		}
		for _, action := range got.Windows {
			if action != "deny" {
				t.Errorf("%s: window.open actions %v; want every one denied", lang, got.Windows)
				break
			}
		}
		// Only the listed host leaves the app: the link a page navigates to, then window.open.
		if want := []string{"https://www.electronjs.org/navigated", "https://www.electronjs.org/docs"}; !reflect.DeepEqual(got.Opened, want) {
			t.Errorf("%s: opened externally %v, want only %v", lang, got.Opened, want)
		}
		for i, ok := range got.Granted {
			if ok {
				t.Errorf("%s: permission decision %d granted", lang, i)
			}
		}
	}
}
