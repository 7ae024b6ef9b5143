package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
)

// Budgets for what a visitor downloads to open the playground.
const (
	budgetFirstLoadBrotli = 3 << 20   // every file of the first load, brotli
	budgetFirstLoadJSGzip = 250 << 10 // its JavaScript, gzip
)

// fileSize is a file of the site as sent: plain, gzip and brotli.
type fileSize struct {
	URL           string
	Raw, Gzip, Br int64
}

// report is what a build made and how big it is.
type report struct {
	FirstLoad       []fileSize // the playground page and everything it loads to run a program
	FirstLoadBrotli int64
	FirstLoadJSGzip int64
	Inputs          map[string][]inputSize `json:"-"` // the largest inputs of each bundle
	DocsPages       int
	Programs        int  // examples run through the runner
	Fast            bool // large files compressed quickly: brotli sizes above a deploy's
	Took            time.Duration
	Steps           []stepTime `json:"-"`
}

func (r *report) writeJSON(path string) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}

type stepTime struct {
	name string
	took time.Duration
}

var assetRef = regexp.MustCompile(`/assets/[A-Za-z0-9._-]+`)
var assetsMeta = regexp.MustCompile(`<meta name="loopscope-assets"[^>]*>`)

// measureFirstLoad sizes index.html, the assets it references and the
// runner (worker, wasm_exec.js, wasm) that the page starts.
func measureFirstLoad(site string, as *assets, rep *report) error {
	page, err := os.ReadFile(filepath.Join(site, "index.html"))
	if err != nil {
		return err
	}
	// The manifest in the meta tag lists every asset; only what the page
	// itself references is loaded.
	refs := assetRef.FindAllString(assetsMeta.ReplaceAllString(string(page), ""), -1)
	// The runner it starts has the examples precompiled; the interpreter's
	// build loads when the program is no unchanged example (an edit).
	for _, n := range []string{"runner.worker.js", "wasm_exec", "wasm_precompiled"} {
		if u, ok := as.url(n); ok {
			refs = append(refs, u)
		}
	}
	seen := map[string]bool{}
	urls := []string{"/index.html"}
	for _, u := range refs {
		if !seen[u] && !strings.HasSuffix(u, ".map") {
			seen[u] = true
			urls = append(urls, u)
		}
	}
	for _, u := range urls {
		fs, err := sizeOf(site, u)
		if err != nil {
			return fmt.Errorf("size report: %s: %v", u, err)
		}
		rep.FirstLoad = append(rep.FirstLoad, fs)
		rep.FirstLoadBrotli += fs.Br
		if strings.HasSuffix(u, ".js") {
			rep.FirstLoadJSGzip += fs.Gzip
		}
	}
	return nil
}

// sizeOf is the size of a file plain and as each encoding would send it
// (the plain file when there is no smaller sibling).
func sizeOf(site, url string) (fileSize, error) {
	p := filepath.Join(site, filepath.FromSlash(strings.TrimPrefix(url, "/")))
	st, err := os.Stat(p)
	if err != nil {
		return fileSize{}, err
	}
	fs := fileSize{URL: url, Raw: st.Size(), Gzip: st.Size(), Br: st.Size()}
	if st, err := os.Stat(p + ".gz"); err == nil {
		fs.Gzip = st.Size()
	}
	if st, err := os.Stat(p + ".br"); err == nil {
		fs.Br = st.Size()
	}
	return fs, nil
}

func (r *report) withinBudget() []string {
	var over []string
	if r.FirstLoadBrotli > budgetFirstLoadBrotli {
		over = append(over, fmt.Sprintf("first load of the playground is %s brotli, over the %s budget", kb(r.FirstLoadBrotli), kb(budgetFirstLoadBrotli)))
	}
	if r.FirstLoadJSGzip > budgetFirstLoadJSGzip {
		over = append(over, fmt.Sprintf("its JavaScript is %s gzip, over the %s budget", kb(r.FirstLoadJSGzip), kb(budgetFirstLoadJSGzip)))
	}
	return over
}

func (r *report) print(w io.Writer) {
	fmt.Fprintf(w, "built in %s: %d docs pages, %d example programs checked by the runner\n", r.Took.Round(time.Millisecond), r.DocsPages, r.Programs)
	for _, s := range r.Steps {
		fmt.Fprintf(w, "  %-14s %s\n", s.name, s.took.Round(time.Millisecond))
	}
	fmt.Fprintf(w, "first load of the playground:\n  %-48s %10s %10s %10s\n", "file", "raw", "gzip", "brotli")
	for _, f := range r.FirstLoad {
		fmt.Fprintf(w, "  %-48s %10s %10s %10s\n", f.URL, kb(f.Raw), kb(f.Gzip), kb(f.Br))
	}
	fmt.Fprintf(w, "  total brotli %s (budget %s); JavaScript gzip %s (budget %s)\n",
		kb(r.FirstLoadBrotli), kb(budgetFirstLoadBrotli), kb(r.FirstLoadJSGzip), kb(budgetFirstLoadJSGzip))
	names := make([]string, 0, len(r.Inputs))
	for n := range r.Inputs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		in := append([]inputSize(nil), r.Inputs[n]...)
		sort.Slice(in, func(i, j int) bool { return in[i].bytes > in[j].bytes })
		fmt.Fprintf(w, "largest inputs of %s (minified bytes):", n)
		for _, x := range in[:min(5, len(in))] {
			fmt.Fprintf(w, " %s %s;", strings.TrimPrefix(x.path, "node_modules/"), kb(int64(x.bytes)))
		}
		fmt.Fprintln(w)
	}
	for _, o := range r.withinBudget() {
		fmt.Fprintln(w, "OVER BUDGET:", o)
	}
	if r.Fast {
		fmt.Fprintln(w, "(-fast: large files were compressed quickly; a deploy build makes them smaller)")
	}
}

func kb(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%.2f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%.1f KB", float64(n)/1024)
}
