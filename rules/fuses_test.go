package rules_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFuses covers the shapes the fixtures of testdata/check/fuses-* do not: where the packager shows, options
// isolate cannot list, and settings it cannot read.
func TestFuses(t *testing.T) {
	const main = "const { app, BrowserWindow } = require('electron')\napp.whenReady().then(() => new BrowserWindow({}))\n"
	cases := []struct {
		Name  string
		files map[string]string
		// want are "rule severity file:line:col message-part" lines, in order; none means no fuse finding.
		want []string
	}{
		{
			Name: "packager in a script only",
			files: map[string]string{"package.json": `{"main": "main.js",
  "scripts": {"pack": "electron-packager . Timer --asar"},
  "devDependencies": {"electron": "^45.4.1"}}`},
			want: []string{"fuses-missing medium package.json:2:15 packaged with Electron Packager"},
		},
		{
			Name: "forge configured in package.json",
			files: map[string]string{"package.json": `{"main": "main.js",
  "config": {"forge": {"packagerConfig": {"asar": true}}},
  "devDependencies": {"electron": "^45.4.1"}}`},
			want: []string{"fuses-missing medium package.json:2:14 add new FusesPlugin({ version: FuseVersion.V1"},
		},
		{
			Name: "options from another module are not reported as absent",
			files: map[string]string{
				"package.json": `{"main": "main.js", "devDependencies": {"electron": "^45.4.1", "electron-builder": "^26.0.12"}}`,
				"electron-builder.config.js": "const { fuses } = require('./fuses')\n" +
					"module.exports = { appId: 'dev.example.timer', electronFuses: fuses }\n",
				"fuses.js": "exports.fuses = { runAsNode: false }\n",
			},
		},
		{
			Name: "a spread hides absent keys but not an unsafe one written after it",
			files: map[string]string{
				"package.json": `{"main": "main.js", "devDependencies": {"electron": "^45.4.1", "@electron-forge/cli": "^7.8.1"}}`,
				"forge.config.js": "const { FusesPlugin } = require('@electron-forge/plugin-fuses')\n" +
					"const { FuseV1Options, FuseVersion } = require('@electron/fuses')\n" +
					"const base = require('./fuses')\n" +
					"module.exports = { plugins: [new FusesPlugin({ ...base, version: FuseVersion.V1,\n" +
					"  [FuseV1Options.RunAsNode]: true })] }\n",
			},
			want: []string{"fuses-unsafe medium forge.config.js:5:3 [FuseV1Options.RunAsNode] is set to true"},
		},
		{
			Name: "a value isolate cannot read counts as set",
			files: map[string]string{
				"package.json": `{"main": "main.js", "devDependencies": {"electron": "^45.4.1", "electron-builder": "^26.0.12"}}`,
				"electron-builder.js": "const release = process.env.RELEASE === '1'\n" +
					"module.exports = { electronFuses: { runAsNode: !release, enableCookieEncryption: true,\n" +
					"  enableNodeOptionsEnvironmentVariable: false, enableNodeCliInspectArguments: false,\n" +
					"  enableEmbeddedAsarIntegrityValidation: true, onlyLoadAppFromAsar: true } }\n",
			},
		},
		{
			Name: "no packager, a flipFuses call still checked",
			files: map[string]string{
				"package.json": `{"main": "main.js", "devDependencies": {"electron": "^45.4.1"}}`,
				"scripts/fuses.mjs": "import { flipFuses, FuseV1Options, FuseVersion } from '@electron/fuses'\n" +
					"await flipFuses(process.argv[2], { version: FuseVersion.V1, [FuseV1Options.RunAsNode]: false,\n" +
					"  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false, [FuseV1Options.EnableNodeCliInspectArguments]: false,\n" +
					"  [FuseV1Options.OnlyLoadAppFromAsar]: true, [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true })\n",
			},
			want: []string{"fuses-unsafe low scripts/fuses.mjs:2:7 leaves [FuseV1Options.EnableCookieEncryption] at Electron's unsafe default"},
		},
		{
			Name:  "no packager, no fuses",
			files: map[string]string{"package.json": `{"main": "main.js", "devDependencies": {"electron": "^45.4.1"}}`},
		},
	}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			dir := t.TempDir()
			c.files["main.js"] = main
			for name, src := range c.files {
				p := filepath.Join(dir, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			var got []string
			for _, f := range checkFindings(loadApp(t, dir)) {
				if strings.HasPrefix(f.Rule, "fuses-") {
					got = append(got, fmt.Sprintf("%s %s %s:%d:%d %s", f.Rule, f.Severity, f.File, f.Line, f.Column, f.Message))
				}
			}
			if len(got) != len(c.want) {
				t.Fatalf("got %d fuse findings, want %d:\n%s", len(got), len(c.want), strings.Join(got, "\n"))
			}
			for i, w := range c.want {
				at, part, _ := strings.Cut(w, " ")
				at2, part2, _ := strings.Cut(part, " ")
				at3, msg, _ := strings.Cut(part2, " ")
				if prefix := at + " " + at2 + " " + at3 + " "; !strings.HasPrefix(got[i], prefix) || !strings.Contains(got[i], msg) {
					t.Errorf("finding %d = %s\nwant %s … %s", i, got[i], prefix, msg)
				}
			}
		})
	}
}
