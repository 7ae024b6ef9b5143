package main

import (
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// A small built site: two pages, a docs page, the asset manifest, hashed
// assets and a folder of Python's files.
func writeTestSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"index.html": `<meta name="loopscope-assets" content="{&#34;wasm&#34;:&#34;/assets/loopscope-aa.wasm&#34;}">` +
			`<script src="/assets/runner-boot-B.js"></script><link rel="stylesheet" href="/assets/playground-C.css"><script src="/assets/playground-D.js"></script>`,
		"embed.html":               `<script src="/assets/embed-E.js"></script>`,
		"docs/index.html":          `<script src="/assets/embed-script-F.js" defer></script>`,
		"docs/timeouts/index.html": `<link rel="stylesheet" href="/assets/docs-G.css"><a href="/assets/playground-D.js.map">`,
		"examples.json":            `[]`,
		"assets.json": `{"wasm": "/assets/loopscope-aa.wasm", "wasm_http": "/assets/loopscope-http-bb.wasm",
			"runner.worker.js": "/assets/runner.worker-H.js", "wasm_exec": "/assets/wasm_exec-I.js", "wasm_exec.js": "/assets/wasm_exec-I.js",
			"python.worker.js": "/assets/python.worker-J.js", "pyodide": "/assets/pyodide-0123/", "service-worker.js": "/assets/service-worker-K.js", "playground.js": "/assets/playground-D.js"}`,
		"assets/loopscope-aa.wasm":           "wasm",
		"assets/pyodide-0123/pyodide.asm.js": "py",
		"sw.js":                              swManifestPrefix + "{};\n// the worker's code\n",
		"sw.js.br":                           "stale",
	}
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func readManifest(t *testing.T, dir string) (swManifest, string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, serviceWorkerFile))
	if err != nil {
		t.Fatal(err)
	}
	first, code, _ := strings.Cut(string(b), "\n")
	var m swManifest
	if err := json.Unmarshal([]byte(strings.TrimSuffix(strings.TrimPrefix(first, swManifestPrefix), ";")), &m); err != nil {
		t.Fatalf("manifest line %q: %v", first, err)
	}
	return m, code
}

func TestServiceWorkerManifest(t *testing.T) {
	dir := writeTestSite(t)
	if err := restampServiceWorker(dir); err != nil {
		t.Fatal(err)
	}
	m, code := readManifest(t, dir)
	if code != "// the worker's code\n" {
		t.Errorf("the worker's code changed: %q", code)
	}
	wantShell := []string{
		"/", "/assets.json", "/assets/docs-G.css", "/assets/embed-E.js", "/assets/embed-script-F.js",
		"/assets/playground-C.css", "/assets/playground-D.js", "/assets/runner-boot-B.js", "/assets/runner.worker-H.js",
		"/assets/wasm_exec-I.js", "/docs/", "/docs/timeouts/", "/embed", "/examples.json",
	}
	if !slices.Equal(m.Shell, wantShell) {
		t.Errorf("shell:\n got %q\nwant %q", m.Shell, wantShell)
	}
	// The runner builds and Python's worker wait until used; the meta tag's
	// list and source maps are not loads; the service worker is not cached.
	wantLazy := []string{"/assets/loopscope-aa.wasm", "/assets/loopscope-http-bb.wasm", "/assets/pyodide-0123/pyodide.asm.js", "/assets/python.worker-J.js"}
	if !slices.Equal(m.Lazy, wantLazy) {
		t.Errorf("lazy: got %q, want %q", m.Lazy, wantLazy)
	}
	if !slices.Equal(m.Dirs, []string{"/assets/pyodide-0123/"}) {
		t.Errorf("dirs: got %q", m.Dirs)
	}
	if _, err := os.Stat(filepath.Join(dir, "sw.js.br")); err == nil {
		t.Error("a stale compressed sw.js was left beside the new one")
	}

	// Same site, same version; any page or data change, a new one.
	if err := restampServiceWorker(dir); err != nil {
		t.Fatal(err)
	}
	if again, _ := readManifest(t, dir); again.Version != m.Version {
		t.Errorf("version changed without a change: %s -> %s", m.Version, again.Version)
	}
	for _, f := range []string{"examples.json", "docs/timeouts/index.html"} {
		p := filepath.Join(dir, filepath.FromSlash(f))
		b, _ := os.ReadFile(p)
		if err := os.WriteFile(p, append(b, ' '), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := restampServiceWorker(dir); err != nil {
			t.Fatal(err)
		}
		next, _ := readManifest(t, dir)
		if next.Version == m.Version {
			t.Errorf("changing %s kept version %s", f, m.Version)
		}
		m = next
	}
}

func TestRestampRefusesAForeignFile(t *testing.T) {
	dir := writeTestSite(t)
	if err := os.WriteFile(filepath.Join(dir, serviceWorkerFile), []byte("self.addEventListener('fetch', () => {});\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := restampServiceWorker(dir); err == nil || !strings.Contains(err.Error(), "manifest") {
		t.Fatalf("got %v, want an error about the manifest line", err)
	}
}

// The real site's service worker: served from the root, fresh on every
// load, with a manifest whose every file the site serves.
func TestSiteServiceWorker(t *testing.T) {
	_, dir, _ := builtSite(t)
	m, code := readManifest(t, dir)
	var as map[string]string
	readJSON(t, filepath.Join(dir, "assets.json"), &as)
	for _, want := range []string{"/", "/embed", "/docs/", "/docs/api/", "/examples.json", as["playground.js"], as["runner-boot.js"], as["runner.worker.js"], as["wasm_exec"], as["embed-script.js"]} {
		if !slices.Contains(m.Shell, want) {
			t.Errorf("the shell lacks %s", want)
		}
	}
	for _, want := range []string{as["wasm"], as["wasm_http"]} {
		if !slices.Contains(m.Lazy, want) || slices.Contains(m.Shell, want) {
			t.Errorf("%s should be cached only once used: shell %v, lazy %v", want, m.Shell, m.Lazy)
		}
	}
	if !strings.Contains(code, "loopscopeSite") || !strings.Contains(code, "sourceMappingURL=/assets/") {
		t.Errorf("sw.js holds no worker code (or its source map is not found): %.200s", code)
	}
	h := &staticSite{dir: dir}
	for _, u := range append(append([]string{"/sw.js"}, m.Shell...), m.Lazy...) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", u, nil))
		if rec.Code != 200 {
			t.Errorf("GET %s: %d", u, rec.Code)
		}
		if u == "/sw.js" && (rec.Header().Get("Cache-Control") != cacheRevalidate || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/javascript")) {
			t.Errorf("/sw.js headers: %v", rec.Header())
		}
	}
}
