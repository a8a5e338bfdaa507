package scaffold

import (
	"fmt"
	"regexp"
	"strings"
)

// npm's rules for a new package name: at most 214 characters, lower case, URL-safe, not starting with a dot or
// an underscore, optionally scoped (@scope/name). This is stricter than npm in one way: no name starts with "-"
// or "~", so the name can never be read as a command-line flag.
var nameRe = regexp.MustCompile(`^(?:@[a-z0-9][a-z0-9._-]*/)?[a-z0-9][a-z0-9._-]*$`)

// nodeBuiltins are names npm refuses because require() would load Node's module instead.
var nodeBuiltins = map[string]bool{}

func init() {
	for _, n := range strings.Fields(`assert async_hooks buffer child_process cluster console constants crypto dgram
		diagnostics_channel dns domain events fs http http2 https inspector module net os path perf_hooks process
		punycode querystring readline repl stream string_decoder sys timers tls trace_events tty url util v8 vm
		wasi worker_threads zlib node_modules favicon.ico`) {
		nodeBuiltins[n] = true
	}
}

// ValidateName reports why name cannot be the name in package.json, or nil.
func ValidateName(name string) error {
	switch {
	case name == "":
		return fmt.Errorf("the project name is empty")
	case len(name) > 214:
		return fmt.Errorf("project name %q is longer than npm's 214 characters", name)
	case strings.ToLower(name) != name:
		return fmt.Errorf("project name %q has upper-case letters; npm needs lower case (try %q)", name, SuggestName(name))
	case nodeBuiltins[name]:
		return fmt.Errorf("project name %q is a Node.js core module or reserved by npm (try %q)", name, name+"-app")
	case !nameRe.MatchString(name):
		return fmt.Errorf("project name %q is not a valid npm package name: use lower-case letters, digits, '-', '.' "+
			"and '_', optionally with an @scope/ (try %q)", name, SuggestName(name))
	}
	return nil
}

// SuggestName turns any text, usually a directory's name, into a valid package name: "My App!" → "my-app".
func SuggestName(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') || r == '.' || r == '_' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		} else {
			dash = true
		}
	}
	name := strings.TrimLeft(b.String(), "._-")
	if len(name) > 214 {
		name = strings.TrimRight(name[:214], "._-")
	}
	if name == "" {
		return "electron-app"
	}
	if nodeBuiltins[name] {
		name += "-app"
	}
	return name
}
