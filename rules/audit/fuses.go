package audit

import (
	"fmt"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/project"
	"github.com/isolate-dev/isolate/rules/internal/jsutil"
	"github.com/isolate-dev/isolate/syntax"
	"github.com/isolate-dev/isolate/walk"
)

// Fuses are bits in the Electron binary flipped at package time, before code signing, so the OS keeps them
// flipped (Gatekeeper, AppLocker). Only an app that packages itself can flip them, so only such an app is told to.
// An app flips them with @electron/fuses' flipFuses (often in an electron-builder afterPack hook), Electron Forge's
// FusesPlugin, or electron-builder's electronFuses setting.

const fusesDoc = "https://www.electronjs.org/docs/latest/tutorial/fuses"

// fuse is one fuse a packaged app should flip away from Electron's default. Option is its @electron/fuses name
// (FuseV1Options.Option); electron-builder's electronFuses uses the same name with a lower-case first letter.
type fuse struct {
	Option string
	// Safe is the state the app should ship with; Electron's default is the other one.
	Safe     bool
	Severity codemod.Severity
	// Harm says what the unsafe state allows.
	Harm string
}

// The fuses Electron's fuses page and @electron/fuses' README flip in their examples, and Forge's templates set.
// The three that let whoever can start the app run code as it (with its signature and its OS permissions) weigh
// more than those that guard the app's files and cookies on disk.
var fuseList = []fuse{
	{"RunAsNode", false, codemod.Medium, "ELECTRON_RUN_AS_NODE turns the app into a plain Node.js that runs any script " +
		"with the app's signature and OS permissions (use utilityProcess rather than child_process.fork, which needs it)"},
	{"EnableNodeOptionsEnvironmentVariable", false, codemod.Medium, "NODE_OPTIONS (--require, --import) loads any code into " +
		"the main process"},
	{"EnableNodeCliInspectArguments", false, codemod.Medium, "--inspect flags and SIGUSR1 open a debugger on the main " +
		"process, which runs any code"},
	{"OnlyLoadAppFromAsar", true, codemod.Low, "Electron also loads app code from an app folder beside app.asar, which " +
		"bypasses the asar integrity check"},
	{"EnableEmbeddedAsarIntegrityValidation", true, codemod.Low, "Electron does not check app.asar against the hash " +
		"signed into the app (macOS, and Windows since Electron 30), so edited app code runs"},
	{"EnableCookieEncryption", true, codemod.Low, "cookies are stored on disk in plaintext (enabling it is one-way: " +
		"turning it off later makes the cookie store unreadable)"},
}

func fuseNamed(key string) *fuse {
	for i := range fuseList {
		if strings.EqualFold(fuseList[i].Option, key) {
			return &fuseList[i]
		}
	}
	return nil
}

// fuseConfig is one place the app sets fuses.
type fuseConfig struct {
	Path       string
	Src        []byte
	Start, End int
	// Builder marks electron-builder's electronFuses, whose keys are spelled runAsNode rather than
	// [FuseV1Options.RunAsNode].
	Builder bool
	// Opaque marks options isolate cannot list (a spread, a variable from another file): absent keys prove nothing.
	Opaque   bool
	Settings []fuseSetting
}

type fuseSetting struct {
	Fuse       *fuse
	Value      bool
	Start, End int
}

// packager is how the app packages itself and where that shows.
type packager struct {
	Name       string // "forge", "builder", "packager"
	Path       string
	Start, End int
	Src        []byte
}

var (
	fusesMissing = codemod.Register(&codemod.Rule{
		ID:         "fuses-missing",
		Doc:        "the app packages itself but flips no Electron fuses (ELECTRON_RUN_AS_NODE, NODE_OPTIONS, --inspect stay on)",
		Severity:   codemod.Medium,
		Ref:        fusesDoc,
		For:        codemod.ForCheck,
		RunProject: func(pp *codemod.ProjectPass) { runFuses(pp, true) },
	})
	fusesUnsafe = codemod.Register(&codemod.Rule{
		ID:         "fuses-unsafe",
		Doc:        "the app's fuses configuration leaves a security-relevant fuse in its unsafe state",
		Severity:   codemod.Medium,
		Ref:        fusesDoc,
		For:        codemod.ForCheck,
		RunProject: func(pp *codemod.ProjectPass) { runFuses(pp, false) },
	})
)

func runFuses(pp *codemod.ProjectPass, missing bool) {
	configs := findFuseConfigs(pp.Facts)
	if missing {
		if len(configs) > 0 {
			return
		}
		if pk, ok := findPackager(pp.Facts); ok {
			pp.Report(codemod.Diagnostic{Path: pk.Path, Start: pk.Start, End: pk.End,
				Pos: syntax.PositionIn(pk.Src, nil, pk.Start), Message: missingFusesMessage(pk)})
		}
		return
	}
	for _, c := range configs {
		reportUnsafeFuses(pp, c)
	}
}

func reportUnsafeFuses(pp *codemod.ProjectPass, c fuseConfig) {
	set := map[*fuse]bool{}
	for _, s := range c.Settings {
		set[s.Fuse] = true
		if s.Value == s.Fuse.Safe {
			continue
		}
		pp.Report(codemod.Diagnostic{Path: c.Path, Start: s.Start, End: s.End, Severity: s.Fuse.Severity,
			Pos: syntax.PositionIn(c.Src, nil, s.Start),
			Message: fmt.Sprintf("%s is set to %t: %s; set it to %t", fuseKey(s.Fuse, c.Builder), s.Value,
				s.Fuse.Harm, s.Fuse.Safe)})
	}
	if c.Opaque {
		return
	}
	var absent []string
	var fixes []string
	sev := codemod.Low
	for i := range fuseList {
		f := &fuseList[i]
		if set[f] {
			continue
		}
		absent = append(absent, fuseKey(f, c.Builder))
		fixes = append(fixes, fmt.Sprintf("%s: %t", fuseKey(f, c.Builder), f.Safe))
		sev = max(sev, f.Severity)
	}
	if len(absent) == 0 {
		return
	}
	pp.Report(codemod.Diagnostic{Path: c.Path, Start: c.Start, End: c.End, Severity: sev,
		Pos: syntax.PositionIn(c.Src, nil, c.Start),
		Message: fmt.Sprintf("this fuses configuration leaves %s at Electron's unsafe default (%s); add %s",
			joinAnd(absent), absentHarm(absent, c.Builder), strings.Join(fixes, ", "))})
}

// absentHarm names what the absent fuses leave possible, shortest first.
func absentHarm(keys []string, builder bool) string {
	var out []string
	for _, k := range keys {
		for i := range fuseList {
			if fuseKey(&fuseList[i], builder) == k {
				out = append(out, strings.SplitN(fuseList[i].Harm, " (", 2)[0])
			}
		}
	}
	return strings.Join(out, "; ")
}

func joinAnd(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// fuseKey spells a fuse the way the configuration does.
func fuseKey(f *fuse, builder bool) string {
	if builder {
		return strings.ToLower(f.Option[:1]) + f.Option[1:]
	}
	return "[FuseV1Options." + f.Option + "]"
}

func missingFusesMessage(pk packager) string {
	var b strings.Builder
	b.WriteString("the app is packaged with ")
	switch pk.Name {
	case "forge":
		b.WriteString("Electron Forge")
	case "builder":
		b.WriteString("electron-builder")
	default:
		b.WriteString("Electron Packager")
	}
	b.WriteString(" but flips no fuses, so the shipped binary still honours ELECTRON_RUN_AS_NODE, NODE_OPTIONS and " +
		"--inspect (anyone who can start it runs code as the app) and loads app code from outside app.asar; ")
	var opts []string
	for i := range fuseList {
		opts = append(opts, fmt.Sprintf("%s: %t", fuseKey(&fuseList[i], pk.Name == "builder"), fuseList[i].Safe))
	}
	switch pk.Name {
	case "forge":
		fmt.Fprintf(&b, "add new FusesPlugin({ version: FuseVersion.V1, %s }) from @electron-forge/plugin-fuses "+
			"and @electron/fuses to the plugins of the Forge configuration", strings.Join(opts, ", "))
	case "builder":
		fmt.Fprintf(&b, "set electronFuses: { %s } in the electron-builder configuration, or call flipFuses from "+
			"@electron/fuses with the same FuseV1Options in an afterPack hook", strings.Join(opts, ", "))
	default:
		fmt.Fprintf(&b, "call flipFuses(electronBinary, { version: FuseVersion.V1, %s }) from @electron/fuses on "+
			"the packaged app before it is code-signed", strings.Join(opts, ", "))
	}
	b.WriteString(" (without RunAsNode, child_process.fork in the main process stops working: use utilityProcess)")
	return b.String()
}

// findFuseConfigs returns every place the app sets fuses: flipFuses calls and FusesPlugin constructions in its code
// and configuration files, electron-builder's electronFuses in package.json, electron-builder.json/.yml or a JS
// configuration, and the afterPack scripts those name.
func findFuseConfigs(facts *project.Facts) []fuseConfig {
	s := &fuseScan{facts: facts, seen: map[string]bool{}}
	for _, p := range facts.Paths() {
		s.js(facts.Files[p].File)
	}
	for _, name := range builderConfigNames {
		s.builderConfig(name)
	}
	for _, name := range forgeConfigNames {
		if f := s.parse(name); f != nil {
			s.js(f)
		}
	}
	if pkg := readPackageJSON(facts.Root); pkg != nil {
		if build := pkg.get("build"); build != nil && build.Members != nil {
			s.builderObject("package.json", pkg.src, build)
		}
	}
	return s.out
}

var (
	forgeConfigNames   = []string{"forge.config.js", "forge.config.cjs", "forge.config.mjs", "forge.config.ts", "forge.config.cts", "forge.config.mts"}
	builderConfigNames = []string{"electron-builder.yml", "electron-builder.yaml", "electron-builder.json", "electron-builder.json5", "electron-builder.js", "electron-builder.cjs", "electron-builder.mjs", "electron-builder.ts", "electron-builder.config.js", "electron-builder.config.cjs", "electron-builder.config.mjs", "electron-builder.config.ts"}
)

// fuseWords is the cheap test that spares walking the tree of every file that cannot configure fuses.
var fuseWords = regexp.MustCompile(`flipFuses|FusesPlugin|electronFuses|afterPack`)

type fuseScan struct {
	facts *project.Facts
	seen  map[string]bool
	out   []fuseConfig
}

// parse returns the parsed JS/TS file at the slash path: the facts' copy, or one read from disk for files the
// loader's prefilter skipped (a forge.config.js naming no Electron keyword) or the walk left out (scripts under
// build/). nil when it does not exist or was scanned already.
func (s *fuseScan) parse(rel string) *syntax.File {
	rel = path.Clean(rel)
	if s.seen[rel] {
		return nil
	}
	if f, ok := s.facts.Files[rel]; ok {
		s.seen[rel] = true
		return f.File
	}
	if _, ok := syntax.LangOf(rel); !ok {
		return nil
	}
	src, err := walk.ReadManifest(s.facts.Root, filepath.Join(s.facts.Root, filepath.FromSlash(rel)), int64(project.MaxFileSize))
	if err != nil {
		return nil
	}
	s.seen[rel] = true
	f, err := syntax.Parse(rel, src)
	if err != nil {
		return nil
	}
	return f
}

// js finds fuse configurations in one file and follows the afterPack scripts it names.
func (s *fuseScan) js(f *syntax.File) {
	if f == nil {
		return
	}
	s.seen[f.Path] = true
	if !fuseWords.Match(f.Src) {
		return
	}
	f.Root.Walk(func(n *syntax.Node) bool {
		switch {
		case n.Is("call_expression") && jsutil.Last(jsutil.Callee(f, n)) == "flipFuses":
			s.jsOptions(f, n, jsutil.Arg(n, 1), false)
		case n.Is("new_expression") && jsutil.Last(jsutil.Path(f, n.Child("constructor"))) == "FusesPlugin":
			s.jsOptions(f, n, jsutil.Arg(n, 0), false)
		case n.Is("pair"):
			switch propKey(f, n) {
			case "electronFuses":
				s.jsOptions(f, n.Child("key"), n.Child("value"), true)
			case "afterPack":
				if script, ok := f.StringValue(syntax.Unwrap(n.Child("value"))); ok {
					s.afterPack(script)
				}
			}
		}
		return true
	})
}

func propKey(f *syntax.File, pair *syntax.Node) string {
	k := pair.Child("key")
	if v, ok := f.StringValue(k); ok {
		return v
	}
	t := f.Text(k)
	if strings.HasPrefix(t, "[") {
		return jsutil.Last(strings.TrimSpace(strings.Trim(t, "[]")))
	}
	return t
}

func (s *fuseScan) jsOptions(f *syntax.File, at, arg *syntax.Node, builder bool) {
	c := fuseConfig{Path: f.Path, Src: f.Src, Start: at.Start, End: at.End, Builder: builder}
	obj := jsutil.Object(f, arg)
	if obj == nil {
		c.Opaque = true
		s.out = append(s.out, c)
		return
	}
	c.Opaque = jsutil.HasSpread(obj)
	for _, c2 := range obj.NamedChildren() {
		if !c2.Is("pair") {
			continue
		}
		fz := fuseNamed(propKey(f, c2))
		if fz == nil {
			continue
		}
		v, ok := jsutil.Bool(f, c2.Child("value"))
		if !ok {
			// A computed value (isProduction, say): set, but isolate cannot tell to what.
			c.Settings = append(c.Settings, fuseSetting{Fuse: fz, Value: fz.Safe, Start: c2.Start, End: c2.End})
			continue
		}
		c.Settings = append(c.Settings, fuseSetting{Fuse: fz, Value: v, Start: c2.Start, End: c2.End})
	}
	s.out = append(s.out, c)
}

// afterPack scans the script an electron-builder afterPack setting names (relative to the app's root, with or
// without its extension).
func (s *fuseScan) afterPack(script string) {
	if strings.Contains(script, "://") || path.IsAbs(script) {
		return
	}
	rel := path.Clean(strings.TrimPrefix(filepath.ToSlash(script), "./"))
	for _, cand := range []string{rel, rel + ".js", rel + ".cjs", rel + ".mjs", rel + ".ts", rel + "/index.js"} {
		if f := s.parse(cand); f != nil {
			s.js(f)
			return
		}
	}
}

// builderConfig reads one electron-builder configuration file at the app's root.
func (s *fuseScan) builderConfig(name string) {
	if _, ok := syntax.LangOf(name); ok {
		s.js(s.parse(name))
		return
	}
	src, err := walk.ReadManifest(s.facts.Root, filepath.Join(s.facts.Root, name), walk.MaxManifestSize)
	if err != nil {
		return
	}
	var doc *cfgNode
	if strings.HasSuffix(name, ".yml") || strings.HasSuffix(name, ".yaml") {
		doc = parseYAMLConfig(src)
	} else {
		doc = parseJSONConfig(src)
	}
	if doc != nil {
		s.builderObject(name, src, doc)
	}
}

// builderObject reads electronFuses and afterPack from an electron-builder configuration in JSON or YAML.
func (s *fuseScan) builderObject(file string, src []byte, cfg *cfgNode) {
	if hook := cfg.get("afterPack"); hook != nil && hook.Members == nil && hook.Scalar != "" {
		s.afterPack(hook.Scalar)
	}
	m := cfg.member("electronFuses")
	if m == nil {
		return
	}
	c := fuseConfig{Path: file, Src: src, Start: m.Start, End: m.End, Builder: true, Opaque: m.Value.Members == nil}
	for _, o := range m.Value.Members {
		fz := fuseNamed(o.Key)
		if fz == nil {
			continue
		}
		v := fz.Safe
		if o.Value.IsBool {
			v = o.Value.Scalar == "true"
		}
		c.Settings = append(c.Settings, fuseSetting{Fuse: fz, Value: v, Start: o.Start, End: o.End})
	}
	s.out = append(s.out, c)
}

type packageJSON struct {
	*cfgNode
	src []byte
}

func readPackageJSON(root string) *packageJSON {
	src, err := walk.ReadManifest(root, filepath.Join(root, "package.json"), walk.MaxManifestSize)
	if err != nil {
		return nil
	}
	doc := parseJSONConfig(src)
	if doc == nil || doc.Members == nil {
		return nil
	}
	return &packageJSON{doc, src}
}

// packagerDeps are the packages an app packages itself with, by the packager they are.
var packagerDeps = []struct{ dep, Name string }{
	{"@electron-forge/cli", "forge"}, {"@electron-forge/core", "forge"}, {"electron-forge", "forge"},
	{"electron-builder", "builder"}, {"@electron/packager", "packager"}, {"electron-packager", "packager"},
}

// findPackager tells whether the app packages itself and where that shows: a Forge or electron-builder
// configuration file, a packager configuration in package.json (electron-builder's "build", Forge's "config.forge"),
// a packager among its dependencies or in its scripts.
// An app without one (a library, an app scaffolded with only a bundler) cannot flip fuses and is not told to.
func findPackager(facts *project.Facts) (packager, bool) {
	for _, group := range []struct {
		names []string
		Name  string
	}{{forgeConfigNames, "forge"}, {builderConfigNames, "builder"}} {
		for _, n := range group.names {
			if src, err := walk.ReadManifest(facts.Root, filepath.Join(facts.Root, n), walk.MaxManifestSize); err == nil {
				return packager{Name: group.Name, Path: n, Src: src}, true
			}
		}
	}
	pkg := readPackageJSON(facts.Root)
	if pkg == nil {
		return packager{}, false
	}
	at := func(name string, m *cfgMember) (packager, bool) {
		return packager{Name: name, Path: "package.json", Start: m.Start, End: m.End, Src: pkg.src}, true
	}
	if m := pkg.get("config").member("forge"); m != nil {
		return at("forge", m)
	}
	// electron-builder's configuration in package.json: where electronFuses goes.
	if m := pkg.member("build"); m != nil && m.Value.Members != nil {
		return at("builder", m)
	}
	for _, d := range packagerDeps {
		for _, section := range []string{"devDependencies", "dependencies", "optionalDependencies"} {
			if m := pkg.get(section).member(d.dep); m != nil {
				return at(d.Name, m)
			}
		}
	}
	if scripts := pkg.get("scripts"); scripts != nil {
		for _, m := range scripts.Members {
			for _, d := range packagerDeps {
				// The command each packager installs: @electron/packager's is still electron-packager.
				cmd := map[string]string{"forge": "electron-forge", "builder": "electron-builder",
					"packager": "electron-packager"}[d.Name]
				if strings.Contains(m.Value.Scalar, cmd) {
					return at(d.Name, &m)
				}
			}
		}
	}
	return packager{}, false
}
