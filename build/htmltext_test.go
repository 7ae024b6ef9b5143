package main

import (
	"html"
	"regexp"
	"strings"
)

var (
	embedDiv = regexp.MustCompile(`(?s)<div class="loopscope-embed"[^>]*>\s*<pre[^>]*>(.*?)</pre>`)
	anyTag   = regexp.MustCompile(`<[^>]*>`)
)

// embedSources is what the embed script reads from each embed on a page:
// the textContent of its <pre>.
func embedSources(page string) []string {
	var out []string
	for _, m := range embedDiv.FindAllStringSubmatch(page, -1) {
		out = append(out, html.UnescapeString(anyTag.ReplaceAllString(m[1], "")))
	}
	return out
}

// embedSourcesIn is embedSources of the embeds in one language (data-lang).
func embedSourcesIn(page, lang string) []string {
	var out []string
	for _, m := range embedDiv.FindAllStringSubmatch(page, -1) {
		if strings.Contains(m[0], ` data-lang="`+lang+`"`) {
			out = append(out, html.UnescapeString(anyTag.ReplaceAllString(m[1], "")))
		}
	}
	return out
}

var attrURL = regexp.MustCompile(`(?:href|src)="([^"]*)"`)
var idAttr = regexp.MustCompile(`\bid="([^"]*)"`)

// pageLinks lists the href and src values of a page.
func pageLinks(page string) []string {
	var out []string
	for _, m := range attrURL.FindAllStringSubmatch(page, -1) {
		out = append(out, html.UnescapeString(m[1]))
	}
	return out
}

func pageIDs(page string) map[string]bool {
	ids := map[string]bool{}
	for _, m := range idAttr.FindAllStringSubmatch(page, -1) {
		ids[html.UnescapeString(m[1])] = true
	}
	return ids
}

func isInternal(u string) bool {
	return strings.HasPrefix(u, "/") && !strings.HasPrefix(u, "//")
}
