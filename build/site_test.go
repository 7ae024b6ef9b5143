package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/andybalholm/brotli"
	"github.com/loopscope/loopscope/wasm/runner"
)

var (
	siteOnce sync.Once
	siteDir  string
	siteRep  *report
	siteErr  error
)

// builtSite builds the real site once for all the tests that inspect it,
// with the command itself (`go run ./build`), so that what is tested is
// what `make serve` and a deploy run — and so that compression runs at full
// speed even when the tests run under the race detector.
func builtSite(t *testing.T) (config, string, *report) {
	t.Helper()
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	siteOnce.Do(func() {
		tmp, err := os.MkdirTemp("", "loopscope-site-test-")
		if err != nil {
			siteErr = err
			return
		}
		siteDir = filepath.Join(tmp, "dist")
		reportFile := filepath.Join(tmp, "report.json")
		cmd := exec.Command(goTool(), "run", "./build", "-out", siteDir, "-report", reportFile)
		cmd.Dir = root
		out, err := cmd.CombinedOutput()
		if err != nil {
			siteErr = fmt.Errorf("go run ./build: %v\n%s", err, out)
			return
		}
		b, err := os.ReadFile(reportFile)
		if err == nil {
			siteRep = &report{}
			err = json.Unmarshal(b, siteRep)
		}
		siteErr = err
	})
	if siteErr != nil {
		t.Fatalf("the site does not build: %v", siteErr)
	}
	return config{root: root, out: siteDir}, siteDir, siteRep
}

func TestMain(m *testing.M) {
	code := m.Run()
	if siteDir != "" {
		os.RemoveAll(filepath.Dir(siteDir))
	}
	os.Exit(code)
}

func TestSiteHasEveryPage(t *testing.T) {
	cfg, dir, rep := builtSite(t)
	pages, err := listDocs(cfg)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"index.html", "embed.html", "assets.json", "examples.json", "docs/api/index.html"}
	for _, p := range pages {
		want = append(want, strings.TrimPrefix(p.url, "/")+"index.html")
	}
	for _, f := range want {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("missing %s: %v", f, err)
		}
	}
	if rep.DocsPages != len(pages)+1 {
		t.Errorf("report counts %d docs pages, want %d", rep.DocsPages, len(pages)+1)
	}
	// The guide covers what the issue asks for, in order.
	var slugs []string
	for _, p := range pages[1:] {
		slugs = append(slugs, p.slug)
	}
	wantSlugs := "event-loop coroutines-futures-tasks blocking-vs-concurrent scheduling running-the-loop tasks-and-cancellation gather-and-wait timeouts locks-and-semaphores"
	if got := strings.Join(slugs, " "); got != wantSlugs {
		t.Errorf("guide pages %q, want %q", got, wantSlugs)
	}
}

func TestSiteAssetsAndExamples(t *testing.T) {
	cfg, dir, _ := builtSite(t)
	var as map[string]string
	readJSON(t, filepath.Join(dir, "assets.json"), &as)
	for _, name := range []string{"wasm", "wasm_http", "wasm_precompiled", "wasm_exec", "playground.js", "embed.js", "runner.worker.js", "embed-script.js", "docs.css"} {
		u, ok := as[name]
		if !ok || !strings.HasPrefix(u, "/assets/") {
			t.Errorf("assets.json: %s = %q", name, u)
			continue
		}
		plain, err := os.ReadFile(filepath.Join(dir, u))
		if err != nil {
			t.Errorf("assets.json: %s: %v", name, err)
			continue
		}
		if !strings.Contains(u, contentHash(plain)) && !strings.HasSuffix(u, ".js") {
			t.Errorf("%s is not named by its content hash", u)
		}
		checkSiblings(t, filepath.Join(dir, u), plain)
	}
	var exs []example
	readJSON(t, filepath.Join(dir, "examples.json"), &exs)
	mds, _ := filepath.Glob(cfg.path(examplesDir, "*", "README.md"))
	if len(exs) != len(mds) || len(exs) == 0 {
		t.Fatalf("examples.json has %d entries for %d examples", len(exs), len(mds))
	}
	for _, ex := range exs {
		src, _ := os.ReadFile(cfg.path(examplesDir, ex.Name, programFile[ex.Lang]))
		if ex.Title == "" || ex.Source != string(src) {
			t.Errorf("examples.json entry %q: title %q, source matches file: %v", ex.Name, ex.Title, ex.Source == string(src))
		}
	}
	index, _ := os.ReadFile(filepath.Join(dir, "index.html"))
	if bytes.Contains(index, []byte("{{")) || !bytes.Contains(index, []byte(`<meta name="loopscope-assets"`)) {
		t.Errorf("index.html has unfilled placeholders or no assets meta")
	}
}

// checkSiblings decompresses the .br and .gz siblings of a file and compares
// them with it.
func checkSiblings(t *testing.T, path string, plain []byte) {
	t.Helper()
	if len(plain) < minCompress {
		return
	}
	for enc, open := range map[string]func(io.Reader) (io.Reader, error){
		".br": func(r io.Reader) (io.Reader, error) { return brotli.NewReader(r), nil },
		".gz": func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) },
	} {
		f, err := os.Open(path + enc)
		if err != nil {
			t.Errorf("%s has no %s sibling", path, enc)
			continue
		}
		r, err := open(f)
		if err == nil {
			var got []byte
			got, err = io.ReadAll(r)
			if err == nil && !bytes.Equal(got, plain) {
				t.Errorf("%s%s does not decompress to the file", path, enc)
			}
		}
		if err != nil {
			t.Errorf("%s%s: %v", path, enc, err)
		}
		f.Close()
	}
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// htmlPages maps each page's URL to its HTML.
func htmlPages(t *testing.T, dir string) map[string]string {
	pages := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(dir, p)
		u := "/" + strings.TrimSuffix(filepath.ToSlash(rel), "index.html")
		pages[u] = string(b)
		return nil
	})
	return pages
}

// Every embedded example compiles in the interpreter the browser runs: the
// code is taken from the rendered HTML, as the embed script takes it.
func TestSiteEmbeddedExamplesCompile(t *testing.T) {
	_, dir, _ := builtSite(t)
	n := 0
	for u, page := range htmlPages(t, dir) {
		if !strings.HasPrefix(u, "/docs/") {
			continue
		}
		for i, src := range embedSourcesIn(page, "go") {
			n++
			res := runner.Run(context.Background(), runner.Request{Source: src})
			if res.Outcome == runner.OutcomeCompileError || res.Outcome == runner.OutcomeCrash {
				t.Errorf("%s embed %d: %s: %s %v", u, i+1, res.Outcome, res.Message, res.Diagnostics)
			}
		}
	}
	if n < 10 {
		t.Fatalf("found only %d embedded examples in the docs", n)
	}
}

// Every link and asset reference in every page resolves on the dev server,
// including #fragments into docs pages and ?example= names.
func TestSiteInternalLinksResolve(t *testing.T) {
	_, dir, _ := builtSite(t)
	pages := htmlPages(t, dir)
	var exs []example
	readJSON(t, filepath.Join(dir, "examples.json"), &exs)
	names := map[string]bool{}
	for _, ex := range exs {
		names[ex.Name] = true
	}
	h := newSiteHandler(dir, nil)
	checked := map[string]bool{}
	for from, page := range pages {
		for _, link := range pageLinks(page) {
			if strings.HasPrefix(link, "#") {
				link = from + link
			}
			if !isInternal(link) || checked[link] {
				continue
			}
			checked[link] = true
			u, err := url.Parse(link)
			if err != nil {
				t.Errorf("%s: bad link %q", from, link)
				continue
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("GET", u.Path, nil))
			if rec.Code != http.StatusOK {
				t.Errorf("%s links to %s: %d", from, link, rec.Code)
				continue
			}
			if ex := u.Query().Get("example"); ex != "" && !names[ex] {
				t.Errorf("%s links to example %q, which examples.json lacks", from, ex)
			}
			if u.Fragment != "" {
				target, ok := pages[u.Path]
				if !ok || !pageIDs(target)[u.Fragment] {
					t.Errorf("%s links to %s: no id %q there", from, link, u.Fragment)
				}
			}
		}
	}
	if len(checked) < 20 {
		t.Fatalf("checked only %d links", len(checked))
	}
}

func TestSiteWithinBudget(t *testing.T) {
	_, _, rep := builtSite(t)
	var b strings.Builder
	rep.print(&b)
	t.Log("\n" + b.String())
	if len(rep.FirstLoad) < 5 {
		t.Fatalf("first load lists %d files: the page, its script and style, the worker, wasm_exec.js and the wasm", len(rep.FirstLoad))
	}
	for _, o := range rep.withinBudget() {
		t.Error(o)
	}
	// Only the precompiled runner is part of the first load: the
	// interpreter's builds load once the program is no unchanged example.
	pre := 0
	for _, f := range rep.FirstLoad {
		switch {
		case strings.Contains(f.URL, "loopscope-precompiled-"):
			pre++
		case strings.Contains(f.URL, "loopscope-") && strings.HasSuffix(f.URL, ".wasm"):
			t.Errorf("first load includes an interpreter runner %s", f.URL)
		}
	}
	if pre != 1 {
		t.Errorf("first load has %d precompiled runners, want 1", pre)
	}
}
