package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// examplesDir holds the playground's example programs: NAME/main.go with NAME/README.md
// (a # title, then a description).
const examplesDir = "web/examples"

// example is an entry of dist/examples.json, the playground's example picker.
type example struct {
	Name        string `json:"name"`
	Title       string `json:"title"`
	Description string `json:"description"`
	Source      string `json:"source"`
}

func loadExamples(cfg config, errs *errorList) ([]example, error) {
	// Each example is a folder NAME/ with main.go and README.md, so every
	// program is a package of its own that `go build ./...` and vet accept.
	mds, err := filepath.Glob(cfg.path(examplesDir, "*", "README.md"))
	if err != nil {
		return nil, err
	}
	for _, m := range mds {
		if _, err := os.Stat(filepath.Join(filepath.Dir(m), "main.go")); err != nil {
			errs.add(examplesDir+"/"+filepath.Base(filepath.Dir(m))+"/README.md", 1, "no program main.go beside this description")
		}
	}
	gos, err := filepath.Glob(cfg.path(examplesDir, "*", "main.go"))
	if err != nil {
		return nil, err
	}
	sort.Strings(gos)
	var out []example
	for _, g := range gos {
		name := filepath.Base(filepath.Dir(g))
		rel := examplesDir + "/" + name
		src, err := os.ReadFile(g)
		if err != nil {
			return nil, err
		}
		md, err := os.ReadFile(cfg.path(examplesDir, name, "README.md"))
		if err != nil {
			errs.add(rel+"/main.go", 1, "example has no description: %s/README.md is missing", rel)
			continue
		}
		title, desc := titleAndDescription(md)
		if title == "" {
			errs.add(rel+"/README.md", 1, "the description must start with a # title")
			continue
		}
		out = append(out, example{Name: name, Title: title, Description: desc, Source: string(src)})
	}
	return out, nil
}

// titleAndDescription splits a small Markdown file into its # title and the
// text after it (kept as written; the picker shows it as plain text).
func titleAndDescription(md []byte) (string, string) {
	sc := bufio.NewScanner(bytes.NewReader(md))
	var title string
	var rest []string
	for sc.Scan() {
		line := sc.Text()
		if title == "" {
			if t, ok := strings.CutPrefix(strings.TrimSpace(line), "# "); ok {
				title = strings.TrimSpace(t)
				continue
			}
			if strings.TrimSpace(line) == "" {
				continue
			}
			return "", ""
		}
		rest = append(rest, line)
	}
	return title, strings.TrimSpace(strings.Join(rest, "\n"))
}

func examplesJSON(exs []example) []byte {
	if exs == nil {
		exs = []example{}
	}
	b, err := json.MarshalIndent(exs, "", "  ")
	if err != nil {
		panic(err) // strings only
	}
	return append(b, '\n')
}
