package main

import (
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// pagesDir holds the playground's HTML pages; the build fills their
// placeholders: {{asset "NAME"}} becomes the hashed URL of NAME and
// {{assets_meta}} a <meta name="loopscope-assets"> with the whole manifest.
const pagesDir = "web/pages"

// sitePages are the pages and where they go in the site.
var sitePages = map[string]string{"index.html": "index.html", "embed.html": "embed.html"}

var placeholder = regexp.MustCompile(`\{\{\s*(.*?)\s*\}\}`)
var assetCall = regexp.MustCompile(`^asset\s+"([^"]+)"$`)

func writePages(cfg config, site string, as *assets, errs *errorList) error {
	for src, dst := range sitePages {
		rel := pagesDir + "/" + src
		b, err := os.ReadFile(cfg.path(pagesDir, src))
		if err != nil {
			errs.add(rel, 0, "%v", err)
			continue
		}
		out := fillPlaceholders(rel, string(b), as, errs)
		if err := os.WriteFile(filepath.Join(site, dst), []byte(out), 0o644); err != nil {
			return err
		}
	}
	return nil
}

func fillPlaceholders(file, src string, as *assets, errs *errorList) string {
	var b strings.Builder
	last := 0
	for _, m := range placeholder.FindAllStringSubmatchIndex(src, -1) {
		b.WriteString(src[last:m[0]])
		last = m[1]
		expr := src[m[2]:m[3]]
		line := lineOf([]byte(src), m[0])
		switch {
		case expr == "assets_meta":
			fmt.Fprintf(&b, `<meta name="loopscope-assets" content="%s">`, html.EscapeString(as.compactJSON()))
		case assetCall.MatchString(expr):
			name := assetCall.FindStringSubmatch(expr)[1]
			url, ok := as.url(name)
			if !ok {
				errs.add(file, line, "{{asset %q}}: the build made no such asset (it has: %s)", name, strings.Join(as.names(), ", "))
				continue
			}
			b.WriteString(url)
		default:
			errs.add(file, line, "unknown placeholder {{%s}} (known: {{asset \"NAME\"}}, {{assets_meta}})", expr)
		}
	}
	b.WriteString(src[last:])
	return b.String()
}
