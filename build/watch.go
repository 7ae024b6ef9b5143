package main

import (
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"strings"
	"time"
)

// What watch mode looks at. Go sources feed the wasm (slow to rebuild, so
// only then); web/ feeds the bundle, the docs and the examples; core's doc
// comments feed the API page.
var (
	watchGo  = []string{"core", "wasm"}
	watchWeb = []string{"web"}
)

// watch polls the sources (no platform-specific notification API needed)
// and rebuilds after a change has settled. A failed rebuild is reported and
// the last good site stays in place.
func (b *builder) watch(w io.Writer) {
	goSig, webSig := b.signature(watchGo, ".go"), b.signature(watchWeb, "")
	fmt.Fprintln(w, "watching core/, wasm/ and web/ for changes")
	for {
		time.Sleep(500 * time.Millisecond)
		g, web := b.signature(watchGo, ".go"), b.signature(watchWeb, "")
		if g == goSig && web == webSig {
			continue
		}
		// Let an editor finish writing (several files, temp-and-rename).
		for {
			time.Sleep(300 * time.Millisecond)
			g2, web2 := b.signature(watchGo, ".go"), b.signature(watchWeb, "")
			if g2 == g && web2 == web {
				break
			}
			g, web = g2, web2
		}
		if g != goSig {
			b.mu.Lock()
			b.wasmStale = true
			b.mu.Unlock()
		}
		goSig, webSig = g, web
		fmt.Fprintf(w, "%s change seen; rebuilding\n", time.Now().Format("15:04:05"))
		rep, err := b.build()
		if err != nil {
			fmt.Fprintf(w, "rebuild failed (still serving the last good build):\n%v\n", err)
			continue
		}
		rep.print(w)
	}
}

// signature summarises the files under dirs (with suffix ext, if set) by
// their names, sizes and modification times.
func (b *builder) signature(dirs []string, ext string) string {
	var sb strings.Builder
	for _, d := range dirs {
		filepath.WalkDir(b.cfg.path(d), func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			name := e.Name()
			if e.IsDir() {
				if name == "node_modules" || (strings.HasPrefix(name, ".") && p != b.cfg.path(d)) {
					return filepath.SkipDir
				}
				return nil
			}
			if ext != "" && !strings.HasSuffix(name, ext) {
				return nil
			}
			if info, err := e.Info(); err == nil {
				fmt.Fprintf(&sb, "%s %d %d\n", p, info.Size(), info.ModTime().UnixNano())
			}
			return nil
		})
	}
	return sb.String()
}
