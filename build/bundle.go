package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
	"github.com/loopscope/loopscope/wasm/precompiled"
)

// entryPoints are the front end's bundles (see the shared contract): each
// web/src/NAME.ts becomes the asset "NAME.js", and the CSS it imports "NAME.css".
var entryPoints = []string{"playground", "embed", "runner.worker", "embed-script", "runner-boot", "service-worker"}

// precompiledList is a checksum (FNV-1a, 32 bits) of each example compiled
// into the precompiled runner, as a JSON array for web/src/precompiled.ts:
// the page runs such a program there, and loads the interpreter for any
// other. Only examples the runner holds are listed.
func precompiledList(cfg config) (string, error) {
	mains, err := filepath.Glob(cfg.path(examplesDir, "*", "main.go"))
	if err != nil {
		return "", err
	}
	sums := []uint32{}
	for _, m := range mains {
		src, err := os.ReadFile(m)
		if err != nil {
			return "", err
		}
		if _, ok := precompiled.Programs[string(src)]; ok {
			h := fnv.New32a()
			h.Write(src)
			sums = append(sums, h.Sum32())
		}
	}
	slices.Sort(sums)
	b, err := json.Marshal(sums)
	return string(b), err
}

// metafile is the part of esbuild's metafile the build reads.
type metafile struct {
	Outputs map[string]struct {
		Bytes      int    `json:"bytes"`
		EntryPoint string `json:"entryPoint"`
		CSSBundle  string `json:"cssBundle"`
		Inputs     map[string]struct {
			BytesInOutput int `json:"bytesInOutput"`
		} `json:"inputs"`
	} `json:"outputs"`
}

// bundle builds the entry points with esbuild into site/assets: minified,
// content-hashed names, linked source maps. Every output is recorded in as.
func bundle(cfg config, site string, as *assets) (map[string][]inputSize, error) {
	var entries []string
	for _, e := range entryPoints {
		p := filepath.Join("web", "src", e+".ts")
		if _, err := os.Stat(cfg.path(p)); errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("bundle: entry point %s does not exist", p)
		}
		entries = append(entries, p)
	}
	if err := ensureNodeModules(cfg); err != nil {
		return nil, err
	}
	inputs := map[string][]inputSize{}
	// build runs one esbuild bundle with the settings every bundle shares
	// (minified, content-hashed names in site/assets, linked source maps)
	// and records its outputs.
	build := func(o api.BuildOptions) error {
		o.AbsWorkingDir = cfg.root
		o.Bundle = true
		o.Outdir = filepath.Join(site, "assets")
		o.EntryNames = "[name]-[hash]"
		o.Platform = api.PlatformBrowser
		o.Target = api.ES2020
		o.MinifyWhitespace, o.MinifyIdentifiers, o.MinifySyntax = true, true, true
		o.Sourcemap = api.SourceMapLinked
		o.LegalComments = api.LegalCommentsLinked
		o.Metafile = true
		o.Write = true
		o.LogLevel = api.LogLevelSilent
		res := api.Build(o)
		if len(res.Errors) > 0 {
			return esbuildError(res.Errors)
		}
		return recordOutputs(res.Metafile, site, cfg.root, as, inputs)
	}
	precompiledSums, err := precompiledList(cfg)
	if err != nil {
		return nil, err
	}
	if err := build(api.BuildOptions{
		EntryPoints: entries,
		AssetNames:  "[name]-[hash]",
		PublicPath:  "/assets/",
		Format:      api.FormatIIFE, // plain scripts: pages, a classic worker (importScripts) and other sites' docs
		Define:      map[string]string{"process.env.NODE_ENV": `"production"`, "LOOPSCOPE_PRECOMPILED": precompiledSums},
		Loader: map[string]api.Loader{
			".svg": api.LoaderFile, ".png": api.LoaderFile, ".woff2": api.LoaderFile,
		},
	}); err != nil {
		return nil, err
	}
	// The Python runner is a module worker (it imports Pyodide's ES module)
	// with the Python prelude inside it as text: a build of its own.
	if err := build(api.BuildOptions{
		EntryPoints: []string{filepath.Join("web", "src", "python", "python.worker.ts")},
		Format:      api.FormatESModule,
		Loader:      map[string]api.Loader{".py": api.LoaderText},
	}); err != nil {
		return nil, err
	}
	// Python's highlighting (@codemirror/lang-python) is a script of its
	// own, loaded the first time an editor shows Python, so the Go first
	// load carries none of it. The CodeMirror and Lezer modules it uses are
	// the page bundle's own (web/src/python-highlight.ts hands them over),
	// so this script holds only Python's grammar and its glue.
	if err := build(api.BuildOptions{
		EntryPoints: []string{filepath.Join("web", "src", "python-lang.ts")},
		Format:      api.FormatIIFE,
		Plugins:     []api.Plugin{pageModules},
	}); err != nil {
		return nil, err
	}
	return inputs, nil
}

// pageModules makes a bundle use the page bundle's copies of the editor's
// modules (globalThis.loopscopeShared, set by web/src/python-highlight.ts)
// instead of bundling its own: a second copy of @lezer/highlight's tags or
// @codemirror/language's facets would not work with the page's editor.
var pageModules = api.Plugin{
	Name: "loopscope-page-modules",
	Setup: func(b api.PluginBuild) {
		b.OnResolve(api.OnResolveOptions{Filter: `^@(codemirror/(language|autocomplete|state|view)|lezer/(common|lr|highlight))$`},
			func(a api.OnResolveArgs) (api.OnResolveResult, error) {
				return api.OnResolveResult{Path: a.Path, Namespace: "page-module"}, nil
			})
		b.OnLoad(api.OnLoadOptions{Filter: `.*`, Namespace: "page-module"},
			func(a api.OnLoadArgs) (api.OnLoadResult, error) {
				js := fmt.Sprintf(`var m = globalThis.loopscopeShared && globalThis.loopscopeShared[%q];
if (!m) throw new Error("the page shares no %s");
module.exports = m;`, a.Path, a.Path)
				return api.OnLoadResult{Contents: &js, Loader: api.LoaderJS}, nil
			})
	},
}

// recordOutputs records each entry point's bundle (and its CSS) in as, and
// what each source file contributes to it.
func recordOutputs(metafileJSON, site, root string, as *assets, inputs map[string][]inputSize) error {
	var meta metafile
	if err := json.Unmarshal([]byte(metafileJSON), &meta); err != nil {
		return fmt.Errorf("bundle: reading esbuild's metafile: %v", err)
	}
	for out, o := range meta.Outputs {
		if o.EntryPoint == "" {
			continue
		}
		name := strings.TrimSuffix(filepath.Base(o.EntryPoint), ".ts")
		if err := as.set(name+".js", outURL(site, root, out)); err != nil {
			return err
		}
		if o.CSSBundle != "" {
			if err := as.set(name+".css", outURL(site, root, o.CSSBundle)); err != nil {
				return err
			}
		}
		for in, sz := range o.Inputs {
			inputs[name+".js"] = append(inputs[name+".js"], inputSize{in, sz.BytesInOutput})
		}
	}
	return nil
}

// inputSize is how much one source file contributes to a bundle.
type inputSize struct {
	path  string
	bytes int
}

// outURL turns a metafile output path (relative to the working directory)
// into its URL on the site.
func outURL(site, root, out string) string {
	rel, err := filepath.Rel(site, filepath.Join(root, out))
	if err != nil {
		return "/" + filepath.ToSlash(out)
	}
	return "/" + filepath.ToSlash(rel)
}

// esbuildError formats esbuild's messages as file:line:col: text.
func esbuildError(msgs []api.Message) error {
	var b strings.Builder
	b.WriteString("bundle failed:")
	for _, m := range msgs {
		b.WriteString("\n  ")
		if l := m.Location; l != nil {
			fmt.Fprintf(&b, "%s:%d:%d: ", l.File, l.Line, l.Column+1)
		}
		b.WriteString(m.Text)
	}
	return errors.New(b.String())
}
