package headless

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

const csp = `<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'">`

func serve(t *testing.T, pages map[string]string) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		if strings.HasSuffix(r.URL.Path, ".js") {
			w.Header().Set("Content-Type", "text/javascript")
		} else {
			w.Header().Set("Content-Type", "text/html")
		}
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// The checker must see what it is meant to catch, or a clean report would prove nothing.
func TestReportsViolationsAndErrors(t *testing.T) {
	base := serve(t, map[string]string{
		"/":       `<!doctype html><html><head>` + csp + `<link rel="icon" href="data:,"><script src="/app.js"></script><script>window.inline = 1</script></head><body>hi</body></html>`,
		"/app.js": `console.error("something broke"); setTimeout(() => { throw new Error("uncaught") });`,
	})
	p := Open(t, base+"/", "window.fromInit = 42;")
	if err := p.WaitFor("window.fromInit === 42", 5*time.Second); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond) // let the thrown timeout fire
	problems, err := p.Problems()
	if err != nil {
		t.Fatal(err)
	}
	all := strings.Join(problems, "\n")
	for _, want := range []string{"something broke", "uncaught", "CSP violation: script-src"} {
		if !strings.Contains(all, want) {
			t.Errorf("problems do not mention %q:\n%s", want, all)
		}
	}
}

func TestCleanPageHasNoProblems(t *testing.T) {
	base := serve(t, map[string]string{
		"/":            `<!doctype html><html><head>` + csp + `<script defer src="/app.js"></script></head><body></body></html>`,
		"/app.js":      `document.body.textContent = 'hello ' + window.fromInit;`,
		"/favicon.ico": "",
	})
	p := Open(t, base+"/", "window.fromInit = 'init';")
	if err := p.WaitFor(`document.body.textContent === 'hello init'`, 5*time.Second); err != nil {
		t.Fatal(err)
	}
	problems, err := p.Problems()
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) > 0 {
		t.Errorf("clean page reported:\n%s", strings.Join(problems, "\n"))
	}
}
