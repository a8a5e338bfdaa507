package check

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/isolate-dev/isolate/codemod"
	"github.com/isolate-dev/isolate/syntax"
	"github.com/isolate-dev/isolate/walk"
)

// ConfigFile is the name of isolate's own configuration file; the same settings may instead sit under an
// "isolate" key of package.json.
const ConfigFile = ".isolaterc.json"

// Config is the project's audit policy.
type Config struct {
	// Ignore are glob patterns (doublestar syntax: **, {a,b}) of paths, relative to the project root, whose
	// findings are not reported.
	Ignore []string `json:"ignore"`
	// Severity overrides a rule's severity by ID; "off" turns the rule off.
	Severity map[string]string `json:"severity"`
	// Source is the file the configuration came from ("" when there is none).
	Source string `json:"-"`

	overrides map[string]codemod.Severity // "off" is 0
}

// ConfigError is a configuration that cannot be used; its message starts with the file name.
type ConfigError struct {
	File string
	Line int
	Msg  string
}

func (e *ConfigError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// LoadConfig reads the configuration of the project at root: .isolaterc.json, or the "isolate" key of package.json.
// No configuration is not an error. Every problem found is reported at once, with the file it is in.
func LoadConfig(root string) (*Config, error) {
	rc, rcErr := walk.ReadManifest(root, filepath.Join(root, ConfigFile), walk.MaxManifestSize)
	if rcErr != nil && !errors.Is(rcErr, fs.ErrNotExist) {
		msg := rcErr.Error()
		if me, ok := rcErr.(*walk.ManifestError); ok {
			msg = me.Reason
		}
		return nil, &ConfigError{File: ConfigFile, Msg: msg}
	}
	var fromPkg json.RawMessage
	if pkg, err := walk.ReadManifest(root, filepath.Join(root, "package.json"), walk.MaxManifestSize); err == nil {
		var top map[string]json.RawMessage
		if json.Unmarshal(pkg, &top) == nil {
			fromPkg = top["isolate"]
		}
	}
	switch {
	case rcErr == nil && fromPkg != nil:
		return nil, &ConfigError{File: ConfigFile, Msg: "package.json also has an \"isolate\" key; keep the " +
			"configuration in one place"}
	case rcErr == nil:
		return ParseConfig(ConfigFile, rc)
	case fromPkg != nil:
		cfg, err := ParseConfig("package.json", fromPkg)
		var ce *ConfigError
		if errors.As(err, &ce) {
			ce.Msg = "\"isolate\" key: " + ce.Msg
			ce.Line = 0 // lines count inside the key's value, not the file
		}
		return cfg, err
	}
	return &Config{}, nil
}

// ParseConfig reads and validates a configuration; name is the file it came from, for messages.
func ParseConfig(name string, data []byte) (*Config, error) {
	cfg := &Config{Source: name}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(cfg); err != nil {
		ce := &ConfigError{File: name, Msg: err.Error()}
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syn):
			ce.Line = syntax.PositionIn(data, nil, int(syn.Offset)).Line
			ce.Msg = "not valid JSON: " + syn.Error()
		case errors.As(err, &typ):
			ce.Line = syntax.PositionIn(data, nil, int(typ.Offset)).Line
			ce.Msg = fmt.Sprintf("%q must be %s, not %s", typ.Field, jsonKind(typ.Type.Kind().String()), typ.Value)
		case strings.HasPrefix(err.Error(), "json: unknown field"):
			ce.Msg = strings.TrimPrefix(err.Error(), "json: ") + " (known fields: ignore, severity)"
		}
		return nil, ce
	}
	var problems []string
	for _, g := range cfg.Ignore {
		if !doublestar.ValidatePattern(g) {
			problems = append(problems, fmt.Sprintf("ignore: %q is not a valid glob pattern", g))
		}
	}
	cfg.overrides = map[string]codemod.Severity{}
	ids := make([]string, 0, len(cfg.Severity))
	for id := range cfg.Severity {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		val := cfg.Severity[id]
		if codemod.Lookup(id) == nil || codemod.Lookup(id).For&codemod.ForCheck == 0 {
			problems = append(problems, fmt.Sprintf("severity: %q is not a rule (`isolate check --list-rules` lists "+
				"them)", id))
			continue
		}
		if strings.EqualFold(val, "off") {
			cfg.overrides[id] = 0
			continue
		}
		sev, err := codemod.ParseSeverity(val)
		if err != nil {
			problems = append(problems, fmt.Sprintf("severity: %q: %q is not a severity (want high, medium, low, "+
				"info or off)", id, val))
			continue
		}
		cfg.overrides[id] = sev
	}
	if len(problems) > 0 {
		return nil, &ConfigError{File: name, Msg: strings.Join(problems, "; ")}
	}
	return cfg, nil
}

func jsonKind(goKind string) string {
	switch goKind {
	case "slice":
		return "an array"
	case "map", "struct":
		return "an object"
	case "string":
		return "a string"
	}
	return goKind
}

func (c *Config) ignores(path string) bool {
	for _, g := range c.Ignore {
		if ok, _ := doublestar.Match(g, path); ok {
			return true
		}
		// A pattern naming a directory ignores what is under it, as .gitignore does.
		if ok, _ := doublestar.Match(strings.TrimSuffix(g, "/")+"/**", path); ok {
			return true
		}
	}
	return false
}

// severity returns the severity a finding is reported with, and false when its rule is turned off.
func (c *Config) severity(rule string, sev codemod.Severity) (codemod.Severity, bool) {
	if o, ok := c.overrides[rule]; ok {
		return o, o != 0
	}
	return sev, true
}
