package main

import (
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
)

// staticSite serves the built site: routes to pages, precompressed
// siblings when the client accepts them, and the caching and security
// headers. It opens the directory per request because a rebuild swaps it.
type staticSite struct {
	dir string
}

var contentTypes = map[string]string{
	".wasm": "application/wasm",
	".js":   "text/javascript; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".html": "text/html; charset=utf-8",
	".json": "application/json",
	".map":  "application/json",
	".svg":  "image/svg+xml",
	".txt":  "text/plain; charset=utf-8",
}

func (s *staticSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	h := w.Header()
	h.Set("Content-Security-Policy", cspFor(r.URL.Path))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "strict-origin-when-cross-origin")

	file, redirect := s.route(r.URL.Path)
	if redirect != "" {
		http.Redirect(w, r, redirect, http.StatusMovedPermanently)
		return
	}
	if file == "" {
		notFound(w)
		return
	}
	root, err := os.OpenRoot(s.dir)
	if err != nil {
		http.Error(w, "the site is not built: run go run ./build", http.StatusServiceUnavailable)
		return
	}
	defer root.Close()
	rel := strings.TrimPrefix(file, "/")
	st, err := root.Stat(rel)
	if err != nil || st.IsDir() {
		notFound(w)
		return
	}
	ext := path.Ext(file)
	ctype := contentTypes[ext]
	if ctype == "" {
		ctype = mime.TypeByExtension(ext)
	}
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	h.Set("Content-Type", ctype)
	if strings.HasPrefix(file, hashedAssetsPath) {
		h.Set("Cache-Control", cacheImmutable)
	} else {
		h.Set("Cache-Control", cacheRevalidate)
	}
	if compressible[ext] {
		h.Add("Vary", "Accept-Encoding")
	}
	for _, enc := range acceptedEncodings(r.Header.Get("Accept-Encoding")) {
		f, err := root.Open(rel + encodings[enc])
		if err != nil {
			continue
		}
		defer f.Close()
		est, err := f.Stat()
		if err != nil {
			continue
		}
		h.Set("Content-Encoding", enc)
		if r.Header.Get("Range") == "" {
			// ServeContent leaves the length out of encoded responses; a
			// known length lets the browser show the wasm's download progress.
			h.Set("Content-Length", strconv.FormatInt(est.Size(), 10))
		}
		http.ServeContent(w, r, "", est.ModTime(), f)
		return
	}
	f, err := root.Open(rel)
	if err != nil {
		notFound(w)
		return
	}
	defer f.Close()
	http.ServeContent(w, r, "", st.ModTime(), f)
}

// route maps a URL path to a file of the site, or to a redirect to the
// canonical URL of a docs page (with its trailing slash).
func (s *staticSite) route(p string) (file, redirect string) {
	if !strings.HasPrefix(p, "/") || strings.Contains(p, "\\") || strings.Contains(p, "\x00") {
		return "", ""
	}
	clean := path.Clean(p)
	for _, seg := range strings.Split(clean, "/") {
		if strings.HasPrefix(seg, ".") || strings.HasPrefix(seg, "_") {
			return "", "" // no dotfiles, no host config (_headers), no escaping
		}
	}
	switch {
	case clean == "/":
		return "/index.html", ""
	case clean == "/embed":
		return "/embed.html", ""
	case strings.HasPrefix(clean, "/s/") && strings.Count(clean, "/") == 2:
		return "/index.html", ""
	case clean == "/docs" || strings.HasPrefix(clean, "/docs/"):
		if !strings.HasSuffix(p, "/") && path.Ext(clean) == "" {
			if isDir(filepath.Join(s.dir, filepath.FromSlash(clean))) {
				return "", clean + "/"
			}
			return "", ""
		}
		if path.Ext(clean) == "" {
			return clean + "/index.html", ""
		}
	}
	return clean, ""
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

var encodings = map[string]string{"br": ".br", "gzip": ".gz"}

// acceptedEncodings lists the precompressed encodings the client takes,
// best first (brotli is smaller). q=0 refuses one; "*" accepts both.
func acceptedEncodings(header string) []string {
	ok := map[string]bool{}
	refused := map[string]bool{}
	star := false
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		name = strings.ToLower(strings.TrimSpace(name))
		zero := false
		for _, prm := range strings.Split(params, ";") {
			k, v, _ := strings.Cut(strings.TrimSpace(prm), "=")
			if strings.EqualFold(k, "q") && qZero(v) {
				zero = true
			}
		}
		switch {
		case name == "*":
			star = !zero
		case zero:
			refused[name] = true
		default:
			ok[name] = true
		}
	}
	var out []string
	for _, enc := range []string{"br", "gzip"} {
		if ok[enc] || (star && !refused[enc]) {
			out = append(out, enc)
		}
	}
	return out
}

func qZero(v string) bool {
	v = strings.TrimSpace(v)
	return v == "0" || strings.Trim(v, "0.") == "" && strings.HasPrefix(v, "0")
}

func notFound(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", cacheRevalidate)
	w.WriteHeader(http.StatusNotFound)
	w.Write([]byte("404 page not found\n"))
}
