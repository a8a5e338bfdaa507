package htmlpage

import (
	"strings"
	"testing"
)

func TestScanKeepsByteOffsets(t *testing.T) {
	src := "<!doctype html>\n<!-- café isolate-ignore csp-missing: header -->\n<html><head>\n" +
		"<script>if (a < b) document.write('<webview nodeintegration>')</script>\n" +
		"<webview\n  src=\"https://x.example\"\n  NodeIntegration></webview></head></html>"
	p := Scan([]byte(src))
	if len(p.Comments) != 1 || src[p.Comments[0].Start:p.Comments[0].End] != "<!-- café isolate-ignore csp-missing: header -->" {
		t.Fatalf("comments %+v", p.Comments)
	}
	wv := p.Find("webview")
	if len(wv) != 1 {
		t.Fatalf("found %d webviews; text inside <script> is not a tag", len(wv))
	}
	if v, ok := wv[0].Attr("nodeintegration"); !ok || v != "" {
		t.Errorf("nodeintegration attribute: %q %v", v, ok)
	}
	off := wv[0].AttrOffset("nodeintegration")
	if !strings.HasPrefix(src[off:], "NodeIntegration>") {
		t.Errorf("attribute offset points at %q", src[off:min(len(src), off+20)])
	}
}
