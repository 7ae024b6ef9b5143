package main

import (
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// builder builds the site. It keeps the last wasm files so that a rebuild
// in watch mode recompiles them only when Go code changed.
type builder struct {
	cfg config

	mu        sync.Mutex
	wasm      []byte // the default runner, without net/http
	wasmHTTP  []byte // the full runner, loaded only for programs that import net/http
	wasmPre   []byte // the examples precompiled, for a page whose program is one, unchanged
	wasmStale bool
}

func newBuilder(cfg config) *builder { return &builder{cfg: cfg, wasmStale: true} }

// build writes the whole site into a fresh directory next to the output and
// swaps it in only when every step succeeded, so a failed build never leaves
// a half-written site behind (and the dev server keeps serving the last one).
func (b *builder) build() (*report, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	start := time.Now()
	cfg := b.cfg
	site := cfg.out + ".new"
	if err := os.RemoveAll(site); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Join(site, "assets"), 0o755); err != nil {
		return nil, err
	}
	defer os.RemoveAll(site) // gone already when the swap succeeded
	as := newAssets(site)
	rep := &report{}
	lap := time.Now()
	step := func(name string) {
		rep.Steps = append(rep.Steps, stepTime{name, time.Since(lap)})
		lap = time.Now()
	}

	if b.wasm == nil || b.wasmHTTP == nil || b.wasmPre == nil || b.wasmStale {
		w, err := buildWasm(cfg, wasmTagsDefault)
		if err != nil {
			return nil, err
		}
		wh, err := buildWasm(cfg, wasmTagsHTTP)
		if err != nil {
			return nil, err
		}
		wp, err := buildWasm(cfg, wasmTagsPrecompiled)
		if err != nil {
			return nil, err
		}
		b.wasm, b.wasmHTTP, b.wasmPre, b.wasmStale = w, wh, wp, false
		step("wasm")
	}
	if _, err := as.addHashed("loopscope", ".wasm", b.wasm, "wasm"); err != nil {
		return nil, err
	}
	if _, err := as.addHashed("loopscope-http", ".wasm", b.wasmHTTP, "wasm_http"); err != nil {
		return nil, err
	}
	if _, err := as.addHashed("loopscope-precompiled", ".wasm", b.wasmPre, "wasm_precompiled"); err != nil {
		return nil, err
	}
	js, err := wasmExecJS()
	if err != nil {
		return nil, err
	}
	if _, err := as.addHashed("wasm_exec", ".js", js, "wasm_exec", "wasm_exec.js"); err != nil {
		return nil, err
	}
	if rep.Inputs, err = bundle(cfg, site, as); err != nil {
		return nil, err
	}
	if err := addPyodide(cfg, site, as); err != nil {
		return nil, err
	}
	step("bundle")
	css, err := os.ReadFile(cfg.path(docsDir, "docs.css"))
	if err != nil {
		return nil, err
	}
	css = append(append(css, "\n/* code highlighting (chroma) */\n"...), highlightCSS()...)
	if _, err := as.addHashed("docs", ".css", css, "docs.css"); err != nil {
		return nil, err
	}

	var errs errorList
	examples, err := loadExamples(cfg, &errs)
	if err != nil {
		return nil, err
	}
	pages, progs, err := b.docs(examples, &errs)
	if err != nil {
		return nil, err
	}
	examples = placeExamples(examples, pages, resolver(pages), &errs)
	step("docs")
	for _, ex := range examples {
		// Python examples run in Pyodide, which the build does not have.
		if ex.Lang == "go" {
			progs = append(progs, program{file: examplesDir + "/" + ex.Name + "/main.go", clock: ex.Clock, code: ex.Source})
		}
	}
	checkPrograms(progs, &errs)
	step("run examples")
	if err := writePages(cfg, site, as, &errs); err != nil {
		return nil, err
	}
	if err := errs.err("build"); err != nil {
		return nil, err
	}
	layout, err := loadLayout(cfg)
	if err != nil {
		return nil, err
	}
	if err := writeDocs(site, layout, pages, as); err != nil {
		return nil, err
	}
	for name, data := range map[string][]byte{
		"assets.json":   as.json(),
		"examples.json": examplesJSON(examples),
		"_headers":      hostHeaders(),
		"_redirects":    hostRedirects(),
	} {
		if err := os.WriteFile(filepath.Join(site, name), data, 0o644); err != nil {
			return nil, err
		}
	}
	if err := writeServiceWorker(site, as); err != nil {
		return nil, err
	}
	if err := compressSite(site, compressCache(), cfg.fast); err != nil {
		return nil, fmt.Errorf("compress: %v", err)
	}
	step("compress")
	if err := measureFirstLoad(site, as, rep); err != nil {
		return nil, err
	}
	if err := swapDir(site, cfg.out); err != nil {
		return nil, err
	}
	rep.DocsPages = len(pages)
	rep.Programs = len(progs)
	rep.Took = time.Since(start)
	rep.Fast = cfg.fast
	return rep, nil
}

// docs renders the guide and the API reference, and returns the programs
// they embed for checking.
func (b *builder) docs(examples []example, errs *errorList) ([]*docPage, []program, error) {
	cfg := b.cfg
	pages, err := listDocs(cfg)
	if err != nil {
		return nil, nil, err
	}
	resolve := resolver(pages)
	var progs []program
	var srcs []usageSource
	for _, p := range pages {
		src, err := os.ReadFile(cfg.path(p.file))
		if err != nil {
			return nil, nil, err
		}
		p.r = renderMarkdown(p.file, src, resolve, errs)
		p.title, p.body = p.r.title, template.HTML(p.r.html)
		for i, s := range p.r.snippets {
			if s.lang != "go" {
				continue // Python blocks: web/python/tests/test_docs_blocks.py runs them
			}
			progs = append(progs, program{file: s.file, line: s.line, expect: s.expect, clock: s.clock, code: s.code})
			title := p.title
			if len(p.r.snippets) > 1 {
				title += fmt.Sprintf(" (%d)", i+1)
			}
			srcs = append(srcs, usageSource{ref: exampleRef{Title: title, URL: p.url + "#" + s.id}, code: s.code})
		}
	}
	for _, ex := range examples {
		if ex.Lang != "go" {
			continue // the reference lists Go uses of core
		}
		srcs = append(srcs, usageSource{ref: exampleRef{Title: "example: " + ex.Title, URL: "/?example=" + ex.Name}, code: ex.Source})
	}
	body, snips, err := renderAPI(cfg, coreUses(cfg.root, srcs), errs)
	if err != nil {
		return nil, nil, err
	}
	for _, s := range snips {
		progs = append(progs, program{file: s.file, line: s.line, expect: s.expect, clock: s.clock, code: s.code})
	}
	pages = append(pages, &docPage{slug: apiSlug, url: docURL(apiSlug), title: "API reference", body: body})
	return pages, progs, nil
}

// swapDir replaces out with the freshly built dir.
func swapDir(dir, out string) error {
	old := strings.TrimRight(out, "/") + ".old"
	if err := os.RemoveAll(old); err != nil {
		return err
	}
	if _, err := os.Stat(out); err == nil {
		if err := os.Rename(out, old); err != nil {
			return err
		}
	}
	if err := os.Rename(dir, out); err != nil {
		return err
	}
	return os.RemoveAll(old)
}
