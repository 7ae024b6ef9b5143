//go:build !loopscope_nohttp

package runner

import (
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestFullBuildOnlyMatchesPage: the page picks the full runner build for a
// program importing any package of web/src/imports.ts's fullBuildOnly; a
// package this build adds that the page does not know of would reach the
// default build and be refused as unavailable.
func TestFullBuildOnlyMatchesPage(t *testing.T) {
	src, err := os.ReadFile("../../web/src/imports.ts")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`export const fullBuildOnly = \[([^\]]*)\]`).FindSubmatch(src)
	if m == nil {
		t.Fatal("web/src/imports.ts has no fullBuildOnly list")
	}
	var page []string
	for _, q := range strings.Split(string(m[1]), ",") {
		p, err := strconv.Unquote(strings.TrimSpace(q))
		if err != nil {
			t.Fatalf("fullBuildOnly entry %q: %v", q, err)
		}
		page = append(page, p)
	}
	slices.Sort(page)
	want := slices.Sorted(slices.Values(fullBuildOnly))
	if !slices.Equal(page, want) {
		t.Fatalf("web/src/imports.ts fullBuildOnly = %q, wasm/runner/stdlib_http.go = %q", page, want)
	}
}
