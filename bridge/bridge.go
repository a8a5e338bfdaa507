// Package bridge is the model of what a preload exposes to the page: one key on window, and behind it one method per
// IPC message. The scaffolder starts a new app from a sample Bridge, the codemods build one from legacy code, and
// the emitters in this package turn either into the shared contract, preload source, main-process handlers and
// Window typings, so a new app and a migrated app expose their API the same way.
package bridge

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
)

// Kind is how a message travels.
type Kind string

const (
	// Invoke is request/response: ipcRenderer.invoke in the preload, ipcMain.handle in main.
	Invoke Kind = "invoke"
	// Send is fire-and-forget from the page: ipcRenderer.send, ipcMain.on.
	Send Kind = "send"
	// SendSync blocks the page until main sets event.returnValue: ipcRenderer.sendSync, ipcMain.on.
	SendSync Kind = "sendSync"
	// Event goes from main to the page: webContents.send, ipcRenderer.on.
	Event Kind = "event"
)

// Kinds lists every kind, in the order the CLI documents them.
var Kinds = []Kind{Invoke, Send, SendSync, Event}

// Valid reports whether k is one of Kinds.
func (k Kind) Valid() bool {
	for _, v := range Kinds {
		if k == v {
			return true
		}
	}
	return false
}

// Param is one argument of a message. Type is TypeScript source; empty means not known (emitted as unknown).
type Param struct {
	Name string
	Type string
}

// Message is one IPC message the page may use.
type Message struct {
	// Method is the name of the method on the exposed object (saveFile, onFileSaved).
	Method string
	// Channel is the IPC channel name, as main and the preload spell it.
	Channel string
	Kind    Kind
	Params  []Param
	// Result is the TypeScript type the page receives: the resolved value for Invoke, the return value for
	// SendSync. Empty means not known. It is ignored for Send and Event.
	Result string
	// Doc is one sentence for people reading the generated code; empty means none.
	Doc string
	// Variadic is true when the message takes further arguments that are not known one by one (a migrated
	// send(channel, ...args) forwarded them all): ...rest: unknown[] after Params.
	Variadic bool
	// OptionalParams is how many of the last Params the page may leave out (data?: unknown).
	OptionalParams int
}

// Bridge is what one exposeInMainWorld call puts on window.
type Bridge struct {
	// Key is the property of window the API appears on (window.api).
	Key      string
	Messages []Message
}

// MethodName derives the page-facing method name for a channel: kebab, snake, colon, slash, dot and space
// separated words become camelCase, and events get an "on" prefix (file-saved → onFileSaved). A name that would
// not be a JavaScript identifier gets a leading underscore.
func MethodName(channel string, kind Kind) string {
	words := splitWords(channel)
	var b strings.Builder
	if kind == Event {
		b.WriteString("on")
	}
	for i, w := range words {
		if i == 0 && kind != Event {
			b.WriteString(lowerFirst(w))
		} else {
			b.WriteString(upperFirst(w))
		}
	}
	name := b.String()
	if name == "" || name == "on" {
		name += "message"
		if kind == Event {
			name = "onMessage"
		}
	}
	if r := []rune(name)[0]; !unicode.IsLetter(r) && r != '_' && r != '$' {
		name = "_" + name
	}
	return name
}

// splitWords splits a channel on separators and on lower→upper case changes that are already camelCase, keeping
// letters and digits only.
func splitWords(s string) []string {
	var words []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, string(cur))
			cur = cur[:0]
		}
	}
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			cur = append(cur, r)
		} else {
			flush()
		}
	}
	flush()
	// An all-upper word (SAVE_FILE) reads as a word, not an acronym chain.
	for i, w := range words {
		if strings.ToUpper(w) == w {
			words[i] = strings.ToLower(w)
		}
	}
	return words
}

func upperFirst(s string) string {
	r := []rune(s)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

func lowerFirst(s string) string {
	r := []rune(s)
	r[0] = unicode.ToLower(r[0])
	return string(r)
}

// Collision records that two or more channels derive the same method name and how it was resolved.
type Collision struct {
	Method   string
	Channels []string
	// Renamed maps each channel after the first to the name it was given.
	Renamed map[string]string
}

// AssignMethods fills in Method for every message whose Method is empty. When names collide, the message whose
// channel sorts first keeps the plain name and the others get a numeric suffix (saveFile2, saveFile3) in channel
// order, so the result does not depend on the order the channels were found in. Collisions are returned so the
// caller can report them.
func AssignMethods(msgs []Message) []Collision {
	taken := map[string]bool{}
	for _, m := range msgs {
		if m.Method != "" {
			taken[m.Method] = true
		}
	}
	byName := map[string][]int{}
	for i, m := range msgs {
		if m.Method == "" {
			name := MethodName(m.Channel, m.Kind)
			byName[name] = append(byName[name], i)
		}
	}
	names := make([]string, 0, len(byName))
	for n := range byName {
		names = append(names, n)
	}
	sort.Strings(names)
	var collisions []Collision
	for _, name := range names {
		idx := byName[name]
		sort.SliceStable(idx, func(a, b int) bool { return msgs[idx[a]].Channel < msgs[idx[b]].Channel })
		var c *Collision
		if len(idx) > 1 || taken[name] {
			c = &Collision{Method: name, Renamed: map[string]string{}}
		}
		n := 1
		for _, i := range idx {
			candidate := name
			for taken[candidate] {
				n++
				candidate = fmt.Sprintf("%s%d", name, n)
			}
			taken[candidate] = true
			msgs[i].Method = candidate
			if c != nil {
				c.Channels = append(c.Channels, msgs[i].Channel)
				if candidate != name {
					c.Renamed[msgs[i].Channel] = candidate
				}
			}
		}
		if c != nil {
			collisions = append(collisions, *c)
		}
	}
	return collisions
}
