package audit

import (
	"runtime"
	"testing"
	"time"

	"github.com/isolate-dev/isolate/syntax"
)

func TestCheckCachesForgetCollectedFiles(t *testing.T) {
	count := func() int {
		n := 0
		fileSettings.Range(func(any, any) bool { n++; return true })
		return n
	}
	before := count()
	for range 20 {
		f, _ := syntax.Parse("main.js", []byte("new BrowserWindow({ webPreferences: { sandbox: false } })\n"))
		if s := settingsOf(f); len(s) != 1 || len(settingsOf(f)) != 1 {
			t.Fatalf("settings %+v", s)
		}
	}
	for i := 0; i < 50 && count() > before; i++ {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	if n := count(); n > before {
		t.Errorf("%d cached entries outlive their files", n-before)
	}
}
