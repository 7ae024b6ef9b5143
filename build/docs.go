package main

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// docsDir holds the guide: NN-slug.md pages in reading order, index.md as
// the front page, layout.html around every page and docs.css.
const docsDir = "web/docs"

// docPage is one page of the docs site.
type docPage struct {
	file  string // Markdown source, relative to the root ("" for generated pages)
	slug  string
	url   string
	title string
	body  template.HTML
	r     rendered
}

var orderPrefix = regexp.MustCompile(`^[0-9]+-`)

// apiSlug is the generated reference page for package core.
const apiSlug = "api"

func docURL(slug string) string {
	if slug == "" {
		return "/docs/"
	}
	return "/docs/" + slug + "/"
}

// listDocs finds the Markdown pages in reading order.
func listDocs(cfg config) ([]*docPage, error) {
	names, err := filepath.Glob(cfg.path(docsDir, "*.md"))
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var pages []*docPage
	seen := map[string]string{apiSlug: "the generated API reference"}
	for _, n := range names {
		base := filepath.Base(n)
		slug := orderPrefix.ReplaceAllString(strings.TrimSuffix(base, ".md"), "")
		if slug == "index" {
			slug = ""
		}
		rel := filepath.ToSlash(filepath.Join(docsDir, base))
		if other, ok := seen[slug]; ok {
			return nil, fmt.Errorf("%s: page name %q is also used by %s", rel, slug, other)
		}
		seen[slug] = rel
		p := &docPage{file: rel, slug: slug, url: docURL(slug)}
		if slug == "" {
			pages = append([]*docPage{p}, pages...)
		} else {
			pages = append(pages, p)
		}
	}
	if len(pages) == 0 || pages[0].slug != "" {
		return nil, errors.New(docsDir + ": no index.md (the docs' front page)")
	}
	return pages, nil
}

// resolver rewrites links to other pages' Markdown files (as they are named
// in web/docs, so the links also work when browsing the repository) into
// site URLs, and refuses relative links that would break.
func resolver(pages []*docPage) linkResolver {
	byFile := map[string]string{"api.md": docURL(apiSlug)}
	for _, p := range pages {
		byFile[filepath.Base(p.file)] = p.url
	}
	return func(dest string) (string, error) {
		switch {
		case dest == "":
			return "", errors.New("empty link")
		case external.MatchString(dest), strings.HasPrefix(dest, "#"), strings.HasPrefix(dest, "/"):
			return dest, nil
		}
		path, frag, _ := strings.Cut(dest, "#")
		url, ok := byFile[path]
		if !ok {
			return "", fmt.Errorf("no docs page %s (link to a page by its file name in %s, e.g. 01-event-loop.md)", path, docsDir)
		}
		if frag != "" {
			url += "#" + frag
		}
		return url, nil
	}
}

// layoutData is what web/docs/layout.html sees.
type layoutData struct {
	Title       string
	URL         string
	Content     template.HTML
	Nav         []navItem
	Prev, Next  *navItem
	CSS         string
	EmbedScript string
	AssetsMeta  string
}

type navItem struct {
	Title, URL string
	Current    bool
}

func loadLayout(cfg config) (*template.Template, error) {
	src, err := os.ReadFile(cfg.path(docsDir, "layout.html"))
	if err != nil {
		return nil, err
	}
	t, err := template.New("layout.html").Option("missingkey=error").Parse(string(src))
	if err != nil {
		return nil, fmt.Errorf("%s/layout.html: %v", docsDir, err)
	}
	return t, nil
}

// writeDocs puts every page through the layout into site/docs/SLUG/index.html.
func writeDocs(site string, layout *template.Template, pages []*docPage, as *assets) error {
	css, _ := as.url("docs.css")
	script, _ := as.url("embed-script.js")
	nav := make([]navItem, len(pages))
	for i, p := range pages {
		nav[i] = navItem{Title: p.title, URL: p.url}
	}
	for i, p := range pages {
		d := layoutData{
			Title: p.title, URL: p.url, Content: p.body,
			CSS: css, EmbedScript: script, AssetsMeta: as.compactJSON(),
		}
		d.Nav = append([]navItem(nil), nav...)
		d.Nav[i].Current = true
		if i > 0 {
			d.Prev = &nav[i-1]
		}
		if i+1 < len(pages) {
			d.Next = &nav[i+1]
		}
		var b bytes.Buffer
		if err := layout.Execute(&b, d); err != nil {
			return fmt.Errorf("%s/layout.html on %s: %v", docsDir, p.url, err)
		}
		dir := filepath.Join(site, filepath.FromSlash(strings.Trim(p.url, "/")))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, "index.html"), b.Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}
