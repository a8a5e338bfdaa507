package rules_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/project"
	"github.com/isolate-dev/isolate/project/projecttest"
)

// memApp builds facts from sources held in memory; a file named *.html is a page.
func memApp(t *testing.T, electronMajor int, files map[string]string) *project.Facts {
	t.Helper()
	electron := ""
	if electronMajor > 0 {
		electron = strconv.Itoa(electronMajor)
	}
	return projecttest.Facts(t, electron, files)
}

// findingsOf returns "line:col" of every finding of one rule.
func findingsOf(t *testing.T, facts *project.Facts, rule string) []string {
	t.Helper()
	var out []string
	for _, d := range codemod.Run([]*codemod.Rule{codemod.Lookup(rule)}, facts) {
		if d.Rule == rule {
			out = append(out, d.Path+":"+d.Pos.String())
		}
	}
	return out
}

func TestCheckRuleEdgeCases(t *testing.T) {
	for _, tc := range []struct {
		name, rule string
		electron   int
		files      map[string]string
		want       []string
	}{
		{"flags computed from the environment are reported", "node-integration", 45, map[string]string{
			"main.js": "new BrowserWindow({ webPreferences: { nodeIntegration: process.env.DEV === '1' } })\n"},
			[]string{"main.js:1:39"}},
		{"JSX nodeintegration={false} sets nothing", "node-integration", 45, map[string]string{
			"View.jsx": "export const V = () => <webview src='https://a.example' nodeintegration={false} />\n"},
			nil},
		{"webpreferences attribute in HTML", "context-isolation", 45, map[string]string{
			"index.html": "<webview src=\"https://a.example\"\n  webpreferences=\"contextIsolation=no, sandbox=yes\"></webview>\n"},
			[]string{"index.html:2:3"}},
		{"duplicate keys: the last wins", "context-isolation", 45, map[string]string{
			"main.js": "new BrowserWindow({ webPreferences: { contextIsolation: false, contextIsolation: true } })\n"},
			[]string{"main.js:1:39"}},
		{"an absent key with an unknown version is reported (as low)", "context-isolation", 0, map[string]string{
			"main.js": "new BrowserWindow({ webPreferences: {} })\n"}, []string{"main.js:1:1"}},
		{"an absent key with a new version is safe", "context-isolation", 12, map[string]string{
			"main.js": "new BrowserWindow({ webPreferences: {} })\n"}, nil},
		{"a window without options takes every default", "sandbox", 19, map[string]string{
			"main.js": "const about = new BrowserWindow()\n"}, []string{"main.js:1:15"}},
		{"options with a spread are not read as complete", "context-isolation", 11, map[string]string{
			"main.js": "const base = {}\nnew BrowserWindow({ ...base, webPreferences: { preload: 'p.js' } })\n"}, nil},
		{"a handler that only replies through event.sender never checks it", "sender-validation", 45, map[string]string{
			"main.js": "ipcMain.on('ping', (event) => { event.sender.send('pong') })\n"}, []string{"main.js:1:1"}},
		{"a handler that hands the event to a validator checks it", "sender-validation", 45, map[string]string{
			"main.js": "ipcMain.handle('x', (e, a) => { assertTrusted(e); return a })\n"}, nil},
		{"webContents.ipc handlers are checked too", "sender-validation", 45, map[string]string{
			"main.js": "win.webContents.ipc.handle('x', () => 1)\n"}, []string{"main.js:1:1"}},
		{"renderer ipc.on is not a main-process handler", "sender-validation", 45, map[string]string{
			"renderer.js": "const ipc = require('electron').ipcRenderer\nipc.on('x', (e, a) => a)\n"}, nil},
		{"openExternal behind an allowlist check", "open-external", 45, map[string]string{
			"main.js": "ipcMain.on('open', (e, url) => { ALLOWED.has(url) && shell.openExternal(url) })\n"}, nil},
		{"openExternal behind a check of a parsed URL", "open-external", 45, map[string]string{
			"main.js": "function open(url) {\n  const u = new URL(url)\n  if (u.protocol !== 'https:') return\n  shell.openExternal(url)\n}\n"},
			nil},
		{"openExternal of a template with a variable host", "open-external", 45, map[string]string{
			"main.js": "function open(host) { shell.openExternal(`https://${host}/`) }\n"}, []string{"main.js:1:23"}},
		{"a CSP header from code covers pages without a meta tag", "csp-missing", 45, map[string]string{
			"main.js":    "session.defaultSession.webRequest.onHeadersReceived((d, cb) => cb({ responseHeaders: { 'content-security-policy': [\"default-src 'self'\"] } }))\n",
			"index.html": "<html><head></head></html>"}, nil},
		{"a strong meta tag wins over a weak header", "csp-weak", 45, map[string]string{
			"main.js":    "const h = { 'Content-Security-Policy': \"script-src 'unsafe-eval'\" }\n",
			"index.html": "<html><head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'\"></head></html>"}, nil},
		{"a passthrough in a function declared apart", "ipc-passthrough", 45, map[string]string{
			"preload.js": "const { contextBridge, ipcRenderer } = require('electron')\nfunction send(channel, data) { ipcRenderer.send(channel, data) }\ncontextBridge.exposeInMainWorld('api', { send })\n"},
			[]string{"preload.js:2:32"}},
		{"a legacy window.X preload exposes a passthrough too", "ipc-passthrough", 11, map[string]string{
			"main.js":    "new BrowserWindow({ webPreferences: { preload: path.join(__dirname, 'preload.js') } })\n",
			"preload.js": "const { ipcRenderer } = require('electron')\nwindow.api = { send: (ch, d) => ipcRenderer.send(ch, d) }\n"},
			[]string{"preload.js:2:33"}},
		{"a closure variable shadowed by a parameter is not a closure", "main-world-closure", 45, map[string]string{
			"preload.js": "const { contextBridge } = require('electron')\nconst name = 'x'\ncontextBridge.executeInMainWorld({ func: (name) => console.log(name), args: [name] })\n"},
			nil},
		{"isolated world 0 and 999 are documented", "isolated-world-id", 45, map[string]string{
			"preload.js": "contextBridge.exposeInIsolatedWorld(0, 'a', {})\ncontextBridge.exposeInIsolatedWorld(999, 'b', {})\ncontextBridge.exposeInIsolatedWorld(5, 'c', {})\n"},
			[]string{"preload.js:3:37"}},
		{"an http dev server on this machine is still reported (as low)", "insecure-load", 45, map[string]string{
			"main.js": "win.loadURL('http://127.0.0.1:3000')\n"}, []string{"main.js:1:13"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := findingsOf(t, memApp(t, tc.electron, tc.files), tc.rule)
			if strings.Join(got, " ") != strings.Join(tc.want, " ") {
				t.Errorf("%s findings: got %v, want %v", tc.rule, got, tc.want)
			}
		})
	}
}

func TestEveryCheckRuleSaysWhatAndWhere(t *testing.T) {
	for _, r := range codemod.Rules(codemod.ForCheck) {
		if r.Doc == "" || r.Ref == "" || !strings.HasPrefix(r.Ref, "https://") || r.Severity < codemod.Info {
			t.Errorf("%s: doc %q, ref %q, severity %v", r.ID, r.Doc, r.Ref, r.Severity)
		}
	}
}

func TestPassthroughShapesFromTheField(t *testing.T) {
	for name, src := range map[string]string{
		"electron-toolkit's electronAPI":        "import { contextBridge } from 'electron'\nimport { electronAPI } from '@electron-toolkit/preload'\ncontextBridge.exposeInMainWorld('electron', electronAPI)\n",
		"a Proxy whose get trap is the channel": "const { contextBridge, ipcRenderer } = require('electron')\ncontextBridge.exposeInMainWorld('ipc', new Proxy({}, { get: (_target, channel) => (...args) => ipcRenderer.invoke(channel, ...args) }))\n",
	} {
		got := findingsOf(t, memApp(t, 45, map[string]string{"preload.js": src}), "ipc-passthrough")
		if len(got) != 1 {
			t.Errorf("%s: got %v, want one ipc-passthrough finding", name, got)
		}
	}
}

func TestUnknownElectronVersionFindingsAreLow(t *testing.T) {
	facts := memApp(t, 0, map[string]string{"main.js": "new BrowserWindow({ webPreferences: {} })\n"})
	rules := []*codemod.Rule{codemod.Lookup("context-isolation"), codemod.Lookup("node-integration"),
		codemod.Lookup("sandbox"), codemod.Lookup("remote-module")}
	ds := codemod.Run(rules, facts)
	if len(ds) != 4 {
		t.Fatalf("got %d findings, want one per rule: %v", len(ds), ds)
	}
	for _, d := range ds {
		if d.Severity != codemod.Low || !strings.Contains(d.Message, "could not read the app's Electron version") {
			t.Errorf("%s", d)
		}
	}
}
