package addmsg

import (
	"sort"
	"strings"
	"unicode"

	"github.com/isolate-dev/isolate/bridge"
)

// wordStyle is how the words of a channel name are joined.
type wordStyle int

const (
	kebab      wordStyle = iota // get-user
	snake                       // get_user
	upperSnake                  // GET_USER
	camel                       // getUser
	dotted                      // get.user
)

// DefaultChannel is the channel a new message gets when none is given: the method's words (without the on of an
// event) in the style most of the app's channels use, under the namespace most of them use. A new app's channels
// are app:get-versions, window:set-title and window:focus-changed, so getUser becomes app:get-user there ("app"
// wins whenever the app uses it: it is the namespace for things that are not about one window); an app whose
// channels are save-file and load-prefs gets get-user; one with SAVE_FILE gets GET_USER.
func DefaultChannel(method string, kind bridge.Kind, existing []string) string {
	words := methodWords(method, kind)
	style, prefix, sep := channelConvention(existing)
	name := joinWords(words, style)
	if prefix != "" {
		return prefix + sep + name
	}
	return name
}

// methodWords splits a camelCase method name into lower-case words; an event's leading "on" is not a word of
// its channel (onFileSaved → file, saved).
func methodWords(method string, kind bridge.Kind) []string {
	if kind == bridge.Event {
		if rest, ok := strings.CutPrefix(method, "on"); ok && rest != "" && (unicode.IsUpper(rune(rest[0])) || rest[0] == '_') {
			method = rest
		}
	}
	var words []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	rs := []rune(method)
	for i, r := range rs {
		switch {
		case r == '_' || r == '$':
			flush()
			continue
		case unicode.IsUpper(r) && len(cur) > 0:
			prev := cur[len(cur)-1]
			nextLower := i+1 < len(rs) && unicode.IsLower(rs[i+1])
			// getUser: a word starts at U; getURLFor: the acronym URL ends before F, which starts For.
			if !unicode.IsUpper(prev) || nextLower {
				flush()
			}
		}
		cur = append(cur, r)
	}
	flush()
	return words
}

func joinWords(words []string, style wordStyle) string {
	switch style {
	case snake:
		return strings.Join(words, "_")
	case upperSnake:
		return strings.ToUpper(strings.Join(words, "_"))
	case dotted:
		return strings.Join(words, ".")
	case camel:
		var b strings.Builder
		for i, w := range words {
			if i == 0 {
				b.WriteString(w)
			} else {
				b.WriteString(strings.ToUpper(w[:1]) + w[1:])
			}
		}
		return b.String()
	}
	return strings.Join(words, "-")
}

// channelConvention reads the naming convention of existing channels: the word style most of them use (kebab
// when none tells), and a namespace when most of them have one.
func channelConvention(channels []string) (style wordStyle, prefix, sep string) {
	styles := map[wordStyle]int{}
	prefixes := map[string]int{}
	seps := map[string]int{}
	prefixed := 0
	for _, ch := range channels {
		rest := ch
		if i := strings.IndexAny(ch, ":/"); i > 0 && i < len(ch)-1 {
			prefixes[ch[:i]]++
			seps[ch[i:i+1]]++
			prefixed++
			rest = ch[i+1:]
		}
		if s, ok := styleOfWords(rest); ok {
			styles[s]++
		}
	}
	style = kebab
	best := 0
	for _, s := range []wordStyle{kebab, snake, upperSnake, camel, dotted} {
		if styles[s] > best {
			style, best = s, styles[s]
		}
	}
	if prefixed*2 <= len(channels) || prefixed == 0 {
		return style, "", ""
	}
	if prefixes["app"] > 0 {
		prefix = "app"
	} else {
		names := make([]string, 0, len(prefixes))
		for p := range prefixes {
			names = append(names, p)
		}
		sort.Strings(names)
		for _, p := range names {
			if prefixes[p] > prefixes[prefix] {
				prefix = p
			}
		}
	}
	sep = ":"
	if seps["/"] > seps[":"] {
		sep = "/"
	}
	return style, prefix, sep
}

// styleOfWords tells the word style of a channel name without its namespace; a single lower-case word tells
// nothing.
func styleOfWords(s string) (wordStyle, bool) {
	switch {
	case strings.Contains(s, "-"):
		return kebab, true
	case strings.Contains(s, "_") && strings.ToUpper(s) == s:
		return upperSnake, true
	case strings.Contains(s, "_"):
		return snake, true
	case strings.Contains(s, "."):
		return dotted, true
	case strings.ToLower(s) != s && strings.ToUpper(s) != s && unicode.IsLower(rune(s[0])):
		return camel, true
	}
	return kebab, false
}
