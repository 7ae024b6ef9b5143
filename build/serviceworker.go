package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// The service worker (web/src/service-worker.ts) is served as /sw.js, at
// the root so that it controls the whole site. Its first line is the
// manifest of what it caches, written here from the built site itself, so
// that any change to the site changes sw.js and browsers install the new
// worker on their next load.
const (
	serviceWorkerFile  = "sw.js"
	serviceWorkerAsset = "service-worker.js"
	swManifestPrefix   = "self.loopscopeSite = "
)

// swManifest is what one build's service worker caches.
type swManifest struct {
	Version string   `json:"version"` // changes with any cached file (hashed names change with their content)
	Shell   []string `json:"shell"`   // fetched at install: pages, what they load, the runner's worker
	Lazy    []string `json:"lazy"`    // the other assets (runner builds, Python's files): cached at install only if already downloaded
	Dirs    []string `json:"dirs"`    // folders under /assets/ whose files are this build's (cached when used)
}

// writeServiceWorker writes site/sw.js from the bundled worker code.
func writeServiceWorker(site string, as *assets) error {
	u, ok := as.url(serviceWorkerAsset)
	if !ok {
		return errors.New("service worker: the bundle made no " + serviceWorkerAsset)
	}
	code, err := os.ReadFile(filepath.Join(site, filepath.FromSlash(strings.TrimPrefix(u, "/"))))
	if err != nil {
		return err
	}
	// The map sits beside the bundle in /assets/, not beside /sw.js.
	code = sourceMapComment.ReplaceAll(code, []byte("${1}/assets/${2}"))
	return stampServiceWorker(site, code)
}

var sourceMapComment = regexp.MustCompile(`(//# sourceMappingURL=)([^/\s]+)`)

// restampServiceWorker rewrites the manifest line of an existing site's
// sw.js for the files the site has now (go run ./build -service-worker DIR):
// for a site changed after its build, as the update test does.
func restampServiceWorker(site string) error {
	b, err := os.ReadFile(filepath.Join(site, serviceWorkerFile))
	if err != nil {
		return err
	}
	first, code, ok := bytes.Cut(b, []byte("\n"))
	if !ok || !bytes.HasPrefix(first, []byte(swManifestPrefix)) {
		return fmt.Errorf("%s: the first line is not the manifest (%s...)", serviceWorkerFile, swManifestPrefix)
	}
	return stampServiceWorker(site, code)
}

func stampServiceWorker(site string, code []byte) error {
	m, err := serviceWorkerManifest(site, code)
	if err != nil {
		return fmt.Errorf("service worker: %v", err)
	}
	line, err := json.Marshal(m)
	if err != nil {
		return err
	}
	out := append(append([]byte(swManifestPrefix), line...), ";\n"...)
	file := filepath.Join(site, serviceWorkerFile)
	for _, ext := range encodings { // compressed copies of an older sw.js
		if err := os.Remove(file + ext); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return os.WriteFile(file, append(out, code...), 0o644)
}

// serviceWorkerManifest reads the built site: its pages (as the routes that
// serve them), the assets they reference, and the asset manifest.
func serviceWorkerManifest(site string, code []byte) (*swManifest, error) {
	var names map[string]string
	b, err := os.ReadFile(filepath.Join(site, "assets.json"))
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b, &names); err != nil {
		return nil, fmt.Errorf("assets.json: %v", err)
	}
	shell := map[string]bool{}
	lazy := map[string]bool{}
	unhashed := map[string]string{} // route -> file, for the version
	err = filepath.WalkDir(site, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(p, site))
		if d.IsDir() {
			if rel == "/assets" {
				return nil
			}
			return nil
		}
		switch {
		case strings.HasPrefix(rel, hashedAssetsPath) && strings.Count(rel, "/") > 2:
			// In a folder named by its hash (Python's runtime): large, and
			// loaded only by the pages that need it.
			if !strings.HasSuffix(rel, ".br") && !strings.HasSuffix(rel, ".gz") && !strings.HasSuffix(rel, ".map") {
				lazy[rel] = true
			}
		case strings.HasSuffix(rel, ".html"):
			route := pageRoute(rel)
			shell[route] = true
			unhashed[route] = p
			page, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			// The meta tag lists every asset; only what the page loads counts.
			for _, ref := range assetRef.FindAllString(assetsMeta.ReplaceAllString(string(page), ""), -1) {
				if !strings.HasSuffix(ref, ".map") {
					shell[ref] = true
				}
			}
		case rel == "/examples.json" || rel == "/assets.json":
			shell[rel] = true
			unhashed[rel] = p
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, n := range []string{"runner.worker.js", "wasm_exec"} {
		if u, ok := names[n]; ok {
			shell[u] = true
		}
	}
	for n, u := range names {
		// (A folder's URL, ending in /, stands for the files listed above.)
		if !shell[u] && n != serviceWorkerAsset && strings.HasPrefix(u, hashedAssetsPath) && !strings.HasSuffix(u, "/") {
			lazy[u] = true
		}
	}
	entries, err := os.ReadDir(filepath.Join(site, "assets"))
	if err != nil {
		return nil, err
	}
	m := &swManifest{Shell: slices.Sorted(maps.Keys(shell)), Lazy: slices.Sorted(maps.Keys(lazy)), Dirs: []string{}}
	for _, e := range entries {
		if e.IsDir() {
			m.Dirs = append(m.Dirs, hashedAssetsPath+e.Name()+"/")
		}
	}
	// Hashed names stand for their content; unhashed files are read.
	h := sha256.New()
	for _, list := range [][]string{m.Shell, m.Lazy, m.Dirs} {
		fmt.Fprintf(h, "%q\n", list)
	}
	for _, route := range slices.Sorted(maps.Keys(unhashed)) {
		b, err := os.ReadFile(unhashed[route])
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(h, "%s %d\n", route, len(b))
		h.Write(b)
	}
	h.Write(code)
	m.Version = hex.EncodeToString(h.Sum(nil)[:8])
	return m, nil
}

// pageRoute is the URL that serves a page file of the site (see route in
// static.go): /index.html is /, /embed.html is /embed, docs are folders.
func pageRoute(file string) string {
	switch {
	case file == "/index.html":
		return "/"
	case file == "/embed.html":
		return "/embed"
	case strings.HasSuffix(file, "/index.html"):
		return strings.TrimSuffix(file, "index.html")
	}
	return file
}
