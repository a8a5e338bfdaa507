package project

import "testing"

func TestAPreloadNoWindowLoadsIsNotPageCode(t *testing.T) {
	for _, name := range []string{"src/old-preload.js", "src/preload-v3.js", "legacy/mainPreload.js"} {
		f := facts(t, map[string]string{
			"src/main.js":    "new BrowserWindow({ webPreferences: { preload: path.join(__dirname, 'preload.js') } })\n",
			"src/preload.js": "const { contextBridge } = require('electron')\n",
			name:             "const { ipcRenderer } = require('electron')\nwindow.ipc = ipcRenderer\n",
		})
		Analyze(f)
		if r := f.Files[name].Role; r&Renderer != 0 {
			t.Errorf("%s: role %v, want no renderer role", name, r)
		}
	}
}
