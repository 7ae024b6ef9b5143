package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/loopscope/loopscope/share"
)

// testSite is a tiny built site: plain files with precompressed siblings
// whose contents say which one was served.
func testSite(t *testing.T) string {
	dir := t.TempDir()
	files := map[string]string{
		"index.html":                 "playground page",
		"embed.html":                 "embed page",
		"docs/index.html":            "docs home",
		"docs/timeouts/index.html":   "timeouts page",
		"assets/app-ABC.js":          "js plain",
		"assets/app-ABC.js.br":       "js brotli",
		"assets/app-ABC.js.gz":       "js gzip",
		"assets/loopscope-1.wasm":    "\x00asm",
		"assets/loopscope-1.wasm.gz": "wasm gzip",
		"_headers":                   "host config",
		".secret":                    "no",
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func get(t *testing.T, h http.Handler, path, accept string) *http.Response {
	t.Helper()
	req := httptest.NewRequest("GET", path, nil)
	if accept != "" {
		req.Header.Set("Accept-Encoding", accept)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

func body(t *testing.T, r *http.Response) string {
	b, err := io.ReadAll(r.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestStaticRoutesAndHeaders(t *testing.T) {
	h := newSiteHandler(testSite(t), nil)
	cases := []struct {
		path, accept, body, ctype, encoding, cache string
		status                                     int
	}{
		{"/", "", "playground page", "text/html; charset=utf-8", "", cacheRevalidate, 200},
		{"/s/Abc123", "", "playground page", "text/html; charset=utf-8", "", cacheRevalidate, 200},
		{"/embed", "", "embed page", "text/html; charset=utf-8", "", cacheRevalidate, 200},
		{"/docs/", "", "docs home", "text/html; charset=utf-8", "", cacheRevalidate, 200},
		{"/docs/timeouts/", "", "timeouts page", "text/html; charset=utf-8", "", cacheRevalidate, 200},
		{"/assets/app-ABC.js", "gzip, deflate, br", "js brotli", "text/javascript; charset=utf-8", "br", cacheImmutable, 200},
		{"/assets/app-ABC.js", "gzip", "js gzip", "text/javascript; charset=utf-8", "gzip", cacheImmutable, 200},
		{"/assets/app-ABC.js", "br;q=0, gzip;q=0.5", "js gzip", "text/javascript; charset=utf-8", "gzip", cacheImmutable, 200},
		{"/assets/app-ABC.js", "*", "js brotli", "text/javascript; charset=utf-8", "br", cacheImmutable, 200},
		{"/assets/app-ABC.js", "", "js plain", "text/javascript; charset=utf-8", "", cacheImmutable, 200},
		{"/assets/app-ABC.js", "identity", "js plain", "text/javascript; charset=utf-8", "", cacheImmutable, 200},
		{"/assets/loopscope-1.wasm", "br, gzip", "wasm gzip", "application/wasm", "gzip", cacheImmutable, 200},
		{"/assets/loopscope-1.wasm", "", "\x00asm", "application/wasm", "", cacheImmutable, 200},
		{"/nope.js", "", "404 page not found\n", "text/plain; charset=utf-8", "", cacheRevalidate, 404},
		{"/_headers", "", "404 page not found\n", "text/plain; charset=utf-8", "", cacheRevalidate, 404},
		{"/.secret", "", "404 page not found\n", "text/plain; charset=utf-8", "", cacheRevalidate, 404},
		{"/s/a/b", "", "404 page not found\n", "text/plain; charset=utf-8", "", cacheRevalidate, 404},
		{"/docs/missing/", "", "404 page not found\n", "text/plain; charset=utf-8", "", cacheRevalidate, 404},
	}
	for _, c := range cases {
		r := get(t, h, c.path, c.accept)
		got := []any{r.StatusCode, body(t, r), r.Header.Get("Content-Type"), r.Header.Get("Content-Encoding"), r.Header.Get("Cache-Control")}
		want := []any{c.status, c.body, c.ctype, c.encoding, c.cache}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("GET %s (Accept-Encoding %q): got %q, want %q", c.path, c.accept, got, want)
		}
		if r.StatusCode == 200 && strings.HasPrefix(c.path, "/assets/") && r.Header.Get("Vary") != "Accept-Encoding" {
			t.Errorf("GET %s: Vary %q", c.path, r.Header.Get("Vary"))
		}
	}
}

func TestStaticRedirectsAndSecurity(t *testing.T) {
	h := newSiteHandler(testSite(t), nil)
	r := get(t, h, "/docs/timeouts", "")
	if r.StatusCode != http.StatusMovedPermanently || r.Header.Get("Location") != "/docs/timeouts/" {
		t.Errorf("/docs/timeouts: %d %q, want a redirect to the trailing slash", r.StatusCode, r.Header.Get("Location"))
	}
	csp := get(t, h, "/", "").Header.Get("Content-Security-Policy")
	for _, want := range []string{"script-src 'self' 'wasm-unsafe-eval'", "worker-src 'self'", "default-src 'self'", "frame-ancestors 'self'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %q", csp, want)
		}
	}
	if strings.Contains(csp, "'unsafe-eval'") || strings.Contains(csp, "script-src 'self' 'unsafe-inline'") {
		t.Errorf("CSP allows eval or inline scripts: %q", csp)
	}
	if embed := get(t, h, "/embed", "").Header.Get("Content-Security-Policy"); !strings.Contains(embed, "frame-ancestors *") {
		t.Errorf("/embed must be frameable by other sites: %q", embed)
	}
	req := httptest.NewRequest("POST", "/", strings.NewReader("x"))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST /: %d", rec.Code)
	}
}

func TestAcceptedEncodings(t *testing.T) {
	cases := map[string][]string{
		"":                     nil,
		"gzip, deflate, br":    {"br", "gzip"},
		"br;q=0":               nil,
		"GZIP;q=0.8":           {"gzip"},
		"*;q=0":                nil,
		"*, br;q=0":            {"gzip"},
		"gzip;q=0.000, br":     {"br"},
		"br;q=0.1, gzip;q=1.0": {"br", "gzip"},
	}
	for in, want := range cases {
		if got := acceptedEncodings(in); !reflect.DeepEqual(got, want) {
			t.Errorf("acceptedEncodings(%q) = %q, want %q", in, got, want)
		}
	}
}

// The dev server mounts the share API: a program saved with POST comes back
// with GET.
func TestShareMounted(t *testing.T) {
	store, err := share.OpenFileStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	srv := httptest.NewServer(newSiteHandler(testSite(t), share.NewHandler(store, share.Options{})))
	defer srv.Close()
	src := "package main\n\nfunc main() {}\n"
	res, err := http.Post(srv.URL+"/api/share", "application/json", strings.NewReader(`{"source":"package main\n\nfunc main() {}\n","clock":"virtual"}`))
	if err != nil {
		t.Fatal(err)
	}
	b := body(t, res)
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("POST /api/share: %d %s", res.StatusCode, b)
	}
	id := strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(b), `{"id":"`), `"}`)
	res, err = http.Get(srv.URL + "/api/share/" + id)
	if err != nil {
		t.Fatal(err)
	}
	if got := body(t, res); res.StatusCode != 200 || !strings.Contains(got, `"source":"package main\n\nfunc main() {}\n"`) {
		t.Fatalf("GET /api/share/%s: %d %s (want %q back)", id, res.StatusCode, got, src)
	}
	// The site is still served next to the API.
	res, err = http.Get(srv.URL + "/s/" + id)
	if err != nil {
		t.Fatal(err)
	}
	if got := body(t, res); got != "playground page" {
		t.Fatalf("/s/%s: %q", id, got)
	}
}
