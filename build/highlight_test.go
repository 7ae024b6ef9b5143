package main

import (
	"regexp"
	"strings"
	"testing"
)

// In dark mode every class the light stylesheet colours is restyled: a
// light rule left standing would draw its dark colour, or its bold, on the
// dark background.
func TestHighlightCSSDarkCoversLight(t *testing.T) {
	css := string(highlightCSS())
	light, dark, ok := strings.Cut(css, "@media (prefers-color-scheme: dark)")
	if !ok {
		t.Fatalf("no dark scheme in the highlight stylesheet:\n%s", css)
	}
	rule := regexp.MustCompile(`\.chroma \.([a-z0-9]+) \{([^}]*)\}`)
	darkRules := map[string]string{}
	for _, m := range rule.FindAllStringSubmatch(dark, -1) {
		darkRules[m[1]] = m[2]
	}
	layout := map[string]bool{"lnlinks": true, "lntd": true, "lntable": true, "hl": true, "lnt": true, "ln": true, "line": true, "cl": true}
	n := 0
	for _, m := range rule.FindAllStringSubmatch(light, -1) {
		class := m[1]
		if layout[class] {
			continue
		}
		n++
		d, ok := darkRules[class]
		if !ok {
			t.Errorf(".%s is coloured for light (%s) but not for dark", class, strings.TrimSpace(m[2]))
			continue
		}
		for _, prop := range []string{"color: #", "background-color:", "font-weight:", "font-style:"} {
			if !strings.Contains(d, prop) {
				t.Errorf("dark .%s {%s} does not set %s", class, d, prop)
			}
		}
	}
	if n < 20 {
		t.Fatalf("only %d token classes in the light stylesheet:\n%s", n, light)
	}
	// The dark keyword colour is GitHub's dark one, as in the playground.
	if !strings.Contains(darkRules["k"], "color: #ff7b72") {
		t.Errorf("dark keyword rule %q", darkRules["k"])
	}
}
