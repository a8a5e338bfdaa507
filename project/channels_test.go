package project

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/isolate-dev/isolate/bridge"
)

// useLines renders the inventory for comparison: file:line side op kind channel (via).
func useLines(f *Facts) []string {
	var out []string
	for _, u := range f.Channels.Uses {
		if u.Forward {
			continue
		}
		ch := "?" + f.text(u)
		switch {
		case u.Known:
			ch = u.Channel
		case len(u.Values) > 0:
			ch = "{" + strings.Join(u.Values, ",") + "}"
		}
		s := fmt.Sprintf("%s:%d %s %s %s %s", u.File, posLine(f, u), u.Side, u.Op, u.Kind, ch)
		if u.Via != nil {
			s += " via " + u.Via.Name()
		}
		out = append(out, s)
	}
	return out
}

func (f *Facts) text(u *ChannelUse) string {
	if u.Arg == nil {
		return "none"
	}
	if file, ok := f.Files[u.File]; ok {
		return file.Text(u.Arg)
	}
	return "inline"
}

func posLine(f *Facts, u *ChannelUse) int {
	if file, ok := f.Files[u.File]; ok {
		return file.Pos(u.Call.Start).Line
	}
	return 0
}

func TestChannelInventory(t *testing.T) {
	f := facts(t, map[string]string{
		"main.js": `const { app, BrowserWindow, ipcMain, webContents } = require('electron')
const path = require('path')
const { CHANNELS, READY } = require('./shared/channels')
let win
app.whenReady().then(() => {
  win = new BrowserWindow({ webPreferences: { preload: path.join(__dirname, 'preload.js') } })
  win.loadFile('index.html')
})
ipcMain.on('save-file', (event, data) => { event.sender.send('file-saved', data.path) })
ipcMain.handle(CHANNELS.LOAD, async () => ({ theme: 'dark' }))
ipcMain.on('get-config', (event) => { event.returnValue = { a: 1 } })
ipcMain.on(READY, () => {})
ipcMain.on('job-' + Date.now(), () => {})
function tick() { BrowserWindow.getFocusedWindow()?.webContents.send('tick', Date.now()) }
`,
		"shared/channels.js": `exports.READY = 'app-ready'
module.exports.CHANNELS = Object.freeze({ LOAD: 'load-prefs', SAVE: 'save-file' })
`,
		"preload.js": `const { ipcRenderer } = require('electron')
const validChannels = ['save-file', 'open-file']
window.api = {
  send: (channel, data) => {
    if (validChannels.includes(channel)) {
      ipcRenderer.send(channel, data)
    }
  },
  receive: (channel, func) => {
    ipcRenderer.on(channel, (event, ...args) => func(...args))
  },
  invoke(channel, ...args) { return ipcRenderer.invoke(channel, ...args) },
  log: (channel, msg) => { console.log(msg); ipcRenderer.send(channel, msg) },
  version: () => ipcRenderer.sendSync('get-config'),
}
window.ipc = ipcRenderer
`,
		"index.html": `<html><body><script src="renderer.js"></script><script>window.ipc.send('inline-ping')</script></body></html>`,
		"renderer.js": `import { CHANNELS } from './shared/channels.js'
const api = window.api
const { receive } = window.api
document.querySelector('#save').onclick = () => api.send('save-file', { path: 'a.txt' })
receive('file-saved', (p) => console.log(p))
window.api.invoke(CHANNELS.LOAD).then(console.log)
window.api.send(mode === 'a' ? 'save-file' : 'open-file', 1)
window.api.send(channelFor(mode), 1)
ipc.send('ping')
helper(window.ipc)
`,
	})
	analyze(t, f, map[string]string{})
	got := useLines(f)
	want := []string{
		"index.html:0 renderer send send inline-ping via ipc.send",
		"main.js:9 main on send save-file",
		"main.js:9 main webContents.send event file-saved",
		"main.js:10 main handle invoke load-prefs",
		"main.js:11 main on sendSync get-config",
		"main.js:12 main on send app-ready",
		"main.js:13 main on send ?'job-' + Date.now()",
		"main.js:14 main webContents.send event tick",
		"preload.js:14 preload sendSync sendSync get-config",
		"renderer.js:4 renderer send send save-file via api.send",
		"renderer.js:5 renderer on event file-saved via api.receive",
		"renderer.js:6 renderer invoke invoke load-prefs via api.invoke",
		"renderer.js:7 renderer send send {open-file,save-file} via api.send",
		"renderer.js:8 renderer send send ?channelFor(mode) via api.send",
		"renderer.js:9 renderer send send ping via ipc.send",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("uses:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	byName := map[string]*Passthrough{}
	for _, p := range f.Channels.Passthroughs {
		byName[p.Name()] = p
	}
	send := byName["api.send"]
	if send == nil || !send.Simple || !send.HasAllowlist || !send.AllowlistKnown ||
		!reflect.DeepEqual(send.Allowlist, []string{"open-file", "save-file"}) {
		t.Errorf("api.send: %+v", send)
	}
	if r := byName["api.receive"]; r == nil || !r.Simple || r.ForwardsEvent || r.Method != "on" {
		t.Errorf("api.receive: %+v", r)
	}
	if r := byName["api.invoke"]; r == nil || !r.Simple || r.Method != "invoke" {
		t.Errorf("api.invoke: %+v", r)
	}
	if r := byName["api.log"]; r == nil || r.Simple || !strings.Contains(r.Why, "console.log") {
		t.Errorf("api.log: %+v", r)
	}
	if r := byName["ipc.on"]; r == nil || r.Whole == nil || !r.ForwardsEvent {
		t.Errorf("ipc.on: %+v", r)
	}
	if byName["api.version"] != nil {
		t.Errorf("a wrapper with a literal channel is not a passthrough")
	}
	var escapes []string
	for _, e := range f.Channels.Escapes {
		escapes = append(escapes, fmt.Sprintf("%s %s %s", e.File, e.Key, e.Why))
	}
	if !reflect.DeepEqual(escapes, []string{"renderer.js ipc passed to a function"}) {
		t.Errorf("escapes: %q", escapes)
	}
	if got := f.Channels.Known(SideMain, bridge.Send); !reflect.DeepEqual(got, []string{"app-ready", "save-file"}) {
		t.Errorf("known main sends: %q", got)
	}
}

func TestChannelConstantsAcrossModules(t *testing.T) {
	f := facts(t, map[string]string{
		"src/main/index.ts": `import { ipcMain, BrowserWindow } from 'electron'
import { IPC, Events } from '../shared/ipc'
import * as ch from '../shared/ipc'
import DEFAULTS from '../shared/defaults'
new BrowserWindow({})
ipcMain.handle(IPC.LoadNotes, () => [])
ipcMain.handle(ch.SAVE, () => true)
ipcMain.on(Events['quit'], () => {})
ipcMain.on(DEFAULTS.channel, () => {})
`,
	})
	asked := analyze(t, f, map[string]string{
		"src/shared/ipc.ts": `export enum IPC { LoadNotes = 'notes:load' }
export const SAVE = ` + "`notes:save`" + `
const quit = 'app:quit'
export const Events = { quit } as const
`,
		"src/shared/defaults.ts": `export default { channel: 'defaults' }`,
	})
	if len(asked) == 0 {
		t.Fatal("the constants modules were not asked for")
	}
	got := useLines(f)
	want := []string{
		"src/main/index.ts:6 main handle invoke notes:load",
		"src/main/index.ts:7 main handle invoke notes:save",
		"src/main/index.ts:8 main on send app:quit",
		"src/main/index.ts:9 main on send defaults",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("uses:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
