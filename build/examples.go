package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

// examplesDir holds the playground's example programs: one folder NAME per
// example with its program (main.go, or main.py for lang: python) and a
// README.md: front matter (exampleMeta), a # title, then the explanation.
const examplesDir = "web/examples"

// example is an entry of dist/examples.json (web/src/contract.ts Example),
// in the guide's order: the picker lists them as they come.
type example struct {
	Name  string `json:"name"`
	Title string `json:"title"`
	// Description is the explanation as written (Markdown); HTML is the
	// same rendered by goldmark at build time from the repository's own file.
	Description string `json:"description"`
	HTML        string `json:"html"`
	exampleMeta
	Guide  *guideRef `json:"guide,omitempty"`
	Source string    `json:"source"`

	file string // README.md, relative to the repository root
}

// guideRef is the part of the guide an example belongs to.
type guideRef struct {
	Chapter int    `json:"chapter"` // the page's number in the guide, from 1
	Page    string `json:"page"`    // the page's title
	Section string `json:"section,omitempty"`
	URL     string `json:"url"`
}

// programFile is where an example's program is, by its language.
var programFile = map[string]string{"go": "main.go", "python": "main.py"}

func loadExamples(cfg config, errs *errorList) ([]example, error) {
	dirs, err := filepath.Glob(cfg.path(examplesDir, "*"))
	if err != nil {
		return nil, err
	}
	sort.Strings(dirs)
	var out []example
	for _, d := range dirs {
		if st, err := os.Stat(d); err != nil || !st.IsDir() {
			continue
		}
		name := filepath.Base(d)
		rel := examplesDir + "/" + name
		md, err := os.ReadFile(filepath.Join(d, "README.md"))
		if err != nil {
			errs.add(rel, 0, "example has no README.md (front matter, a # title, the explanation)")
			continue
		}
		meta, body, bodyLine, ok := parseFrontMatter(rel+"/README.md", md, errs)
		if !ok {
			continue
		}
		src, err := os.ReadFile(filepath.Join(d, programFile[meta.Lang]))
		if err != nil {
			errs.add(rel+"/README.md", 1, "lang: %s, but there is no %s beside it", meta.Lang, programFile[meta.Lang])
			continue
		}
		title, desc := titleAndDescription(body)
		if title == "" {
			errs.add(rel+"/README.md", bodyLine, "after the front matter the description must start with a # title")
			continue
		}
		out = append(out, example{
			Name: name, Title: title, Description: desc, exampleMeta: meta, Source: string(src),
			file: rel + "/README.md",
		})
	}
	linkTwins(out, errs)
	return out, nil
}

// linkTwins checks each twin: names another example, in the other language;
// and gives the twin the link back.
func linkTwins(exs []example, errs *errorList) {
	byName := map[string]int{}
	for i, ex := range exs {
		byName[ex.Name] = i
	}
	for i, ex := range exs {
		if ex.Twin == "" || ex.twinLine == 0 {
			continue
		}
		j, ok := byName[ex.Twin]
		switch {
		case !ok:
			errs.add(ex.file, ex.twinLine, "twin: %s is not an example", ex.Twin)
		case exs[j].Lang == ex.Lang:
			errs.add(ex.file, ex.twinLine, "twin: %s is a %s example too; a twin is the same program in the other language", ex.Twin, ex.Lang)
		case exs[j].Twin != "" && exs[j].Twin != ex.Name:
			errs.add(ex.file, ex.twinLine, "twin: %s already has the twin %s", ex.Twin, exs[j].Twin)
		default:
			exs[j].Twin = exs[i].Name
		}
	}
}

// placeExamples puts the examples in the guide's order (page, then the
// section's place in it, then name), links each to its section and renders
// its explanation with the guide's link rules.
func placeExamples(exs []example, pages []*docPage, resolve linkResolver, errs *errorList) []example {
	type place struct{ page, section int }
	at := make(map[string]place, len(exs))
	var ok []example
	for _, ex := range exs {
		file, frag, _ := strings.Cut(ex.GuidePath, "#")
		pi := -1
		for i, p := range pages {
			if p.file != "" && filepath.Base(p.file) == file {
				pi = i
			}
		}
		if pi < 0 || pi == 0 {
			errs.add(ex.file, ex.guideLine, "guide: %q is not a page of the guide (a file in %s, like 03-blocking-vs-concurrent.md)", file, docsDir)
			continue
		}
		p := pages[pi]
		ref := &guideRef{Chapter: pi, Page: p.title, URL: p.url}
		si := 0
		if frag != "" {
			si = -1
			for i, h := range p.r.headings {
				if h.id == frag {
					si, ref.Section, ref.URL = i+1, h.text, p.url+"#"+frag
				}
			}
			if si < 0 {
				errs.add(ex.file, ex.guideLine, "guide: %s has no section #%s", file, frag)
				continue
			}
		}
		ex.Guide = ref
		ex.HTML = renderExplanation(ex.file, ex.Description, resolve, errs)
		at[ex.Name] = place{pi, si}
		ok = append(ok, ex)
	}
	sort.SliceStable(ok, func(i, j int) bool {
		a, b := at[ok[i].Name], at[ok[j].Name]
		if a.page != b.page {
			return a.page < b.page
		}
		if a.section != b.section {
			return a.section < b.section
		}
		return ok[i].Name < ok[j].Name
	})
	return ok
}

// renderExplanation renders an example's explanation (the README after its
// title) for the page beside the program. Links to guide pages by file name
// become site URLs, as in the guide.
func renderExplanation(file, md string, resolve linkResolver, errs *errorList) string {
	src := []byte(md)
	gm := goldmark.New(goldmark.WithExtensions(extension.GFM))
	doc := gm.Parser().Parse(text.NewReader(src))
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			dest := string(n.Destination)
			if url, err := resolve(dest); err != nil {
				errs.add(file, 0, "link %q: %v", dest, err)
			} else {
				n.Destination = []byte(url)
			}
		case *ast.Heading, *ast.Image, *ast.HTMLBlock, *ast.RawHTML:
			errs.add(file, 0, "an explanation is paragraphs, lists and code: no headings, images or HTML")
		}
		return ast.WalkContinue, nil
	})
	var b bytes.Buffer
	if err := gm.Renderer().Render(&b, src, doc); err != nil {
		errs.add(file, 0, "rendering: %v", err)
	}
	return b.String()
}

// titleAndDescription splits a small Markdown file into its # title and the
// text after it (kept as written).
func titleAndDescription(md []byte) (string, string) {
	lines := strings.Split(string(md), "\n")
	for i, line := range lines {
		if strings.TrimSpace(line) == "" {
			continue
		}
		t, ok := strings.CutPrefix(strings.TrimSpace(line), "# ")
		if !ok {
			return "", ""
		}
		return strings.TrimSpace(t), strings.TrimSpace(strings.Join(lines[i+1:], "\n"))
	}
	return "", ""
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
