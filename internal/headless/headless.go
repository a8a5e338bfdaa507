// Package headless loads a page in headless Chromium for tests and reports what went wrong on it: console
// errors, uncaught exceptions, error entries of the browser log (failed loads, CSP reports) and Content Security
// Policy violations. A test asks for a page with a script that runs before the page's own scripts, the way a
// preload does, and then inspects the page through chromedp.
package headless

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/isolate-dev/isolate/internal/testenv"
)

// Page is one page open in its own headless Chromium.
type Page struct {
	// Ctx runs chromedp actions against the page.
	Ctx context.Context

	mu       sync.Mutex
	problems []string
	marks    map[string]chan struct{}
}

// Timeout bounds everything one Page does, from starting Chromium to the last check.
const Timeout = 90 * time.Second

// violationsKey is where the guard script collects securitypolicyviolation events in the page.
const violationsKey = "__headlessCSPViolations"

// guard runs before any page script: CSP violations reach it as DOM events even when the browser log says
// nothing about them.
const guard = `(() => {
  const seen = [];
  Object.defineProperty(window, '` + violationsKey + `', { value: seen });
  document.addEventListener('securitypolicyviolation', (e) => {
    seen.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber);
  });
})();
`

// Open starts a fresh headless Chromium, arranges for initScript to run in every document before the page's
// own scripts, and navigates to url, waiting for the load event. The browser stops when the test ends. Without
// Chromium on PATH the test is skipped (failed under CI).
func Open(t testing.TB, url, initScript string) *Page {
	t.Helper()
	exe := testenv.Tool(t, "chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
	// Flags keep Chromium from reaching for the network or a profile, where it would hang on a closed machine.
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
	}
	deadline, cancelDeadline := context.WithTimeout(context.Background(), Timeout)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(deadline, opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancelCtx()
		cancelAlloc()
		cancelDeadline()
	})

	p := &Page{Ctx: ctx, marks: map[string]chan struct{}{}}
	// Starts the browser and the tab; Console must subscribe before the page runs anything.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting %s: %v", exe, err)
	}
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			p.record(m)
		}
	}()
	err := chromedp.Do(ctx,
		chromedp.Func(func(ctx context.Context, tgt *chromedp.Target) error {
			_, err := cdp.Call(ctx, tgt, page.AddScriptToEvaluateOnNewDocument,
				page.AddScriptToEvaluateOnNewDocumentParams{Source: guard + initScript})
			return err
		}),
		chromedp.Navigate(url),
	)
	if err != nil {
		t.Fatalf("loading %s: %v", url, err)
	}
	return p
}

func (p *Page) record(m chromedp.ConsoleMessage) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if strings.HasPrefix(m.Text, "__headless_mark ") {
		if ch, ok := p.marks[m.Text]; ok {
			close(ch)
			delete(p.marks, m.Text)
		}
		return
	}
	if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleException {
		where := ""
		if m.URL != "" {
			where = fmt.Sprintf(" (%s:%d)", m.URL, m.Line+1)
		}
		source := ""
		if m.Source != "" {
			source = m.Source + " "
		}
		p.problems = append(p.problems, fmt.Sprintf("console %s%s: %s%s", source, m.Type, m.Text, where))
	}
}

// Eval evaluates a JavaScript expression in the page and decodes its JSON value into T; a promise is awaited.
func Eval[T any](p *Page, expression string) (T, error) {
	return chromedp.Run(p.Ctx, chromedp.Evaluate[T](expression, chromedp.EvalAwaitPromise))
}

// WaitFor polls a JavaScript expression until it is truthy or the timeout passes.
func (p *Page) WaitFor(expression string, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(p.Ctx, timeout)
	defer cancel()
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool]("Boolean("+expression+")"))
		if err == nil && ok {
			return nil
		}
		select {
		case <-ctx.Done():
			if err != nil {
				return fmt.Errorf("waiting for %s: %w", expression, err)
			}
			return fmt.Errorf("waiting for %s: still false after %s", expression, timeout)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// Problems returns every console error, uncaught exception, error log entry and CSP violation seen so far. It
// first makes sure that every message the page wrote before the call has been read.
func (p *Page) Problems() ([]string, error) {
	mark := fmt.Sprintf("__headless_mark %d", time.Now().UnixNano())
	ch := make(chan struct{})
	p.mu.Lock()
	p.marks[mark] = ch
	p.mu.Unlock()
	if _, err := Eval[chromedp.Void](p, fmt.Sprintf("console.debug(%q)", mark)); err != nil {
		return nil, err
	}
	select {
	case <-ch:
	case <-time.After(10 * time.Second):
		return nil, fmt.Errorf("the console did not deliver %q", mark)
	}
	violations, err := Eval[[]string](p, "window."+violationsKey+" || []")
	if err != nil {
		return nil, err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	out := append([]string{}, p.problems...)
	for _, v := range violations {
		out = append(out, "CSP violation: "+v)
	}
	return out, nil
}
