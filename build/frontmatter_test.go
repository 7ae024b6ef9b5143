package main

import (
	"strings"
	"testing"
)

func TestFrontMatterDefaultsAndKeys(t *testing.T) {
	var errs errorList
	md := "---\nsummary: One line.\nguide: 03-x.md#all-at-once\naxis: time\nlang: python\n---\n# Title\n\nText.\n"
	meta, body, line, ok := parseFrontMatter("ex/README.md", []byte(md), &errs)
	if !ok || len(errs) > 0 {
		t.Fatalf("ok %v, errors %v", ok, errs)
	}
	want := exampleMeta{Summary: "One line.", Lang: "python", Clock: "virtual", Axis: "time", Timeline: "shown", GuidePath: "03-x.md#all-at-once", guideLine: 3}
	if meta != want {
		t.Errorf("meta %+v, want %+v", meta, want)
	}
	if string(body) != "# Title\n\nText.\n" || line != 7 {
		t.Errorf("body %q at line %d", body, line)
	}
}

// Every mistake in front matter is reported at its line, and the example
// is left out rather than shipped half-described.
func TestFrontMatterErrorsHaveLines(t *testing.T) {
	cases := []struct{ name, md, want string }{
		{"none", "# Title\n", "x/README.md:1: an example's README.md starts with front matter"},
		{"unclosed", "---\nsummary: s\n", "x/README.md:1: the front matter is never closed"},
		{"unknown key", "---\nsummary: s\nguide: a.md\ncolour: red\n---\n", "x/README.md:4: unknown front matter key \"colour\""},
		{"bad choice", "---\nsummary: s\nguide: a.md\naxis: sideways\n---\n", "x/README.md:4: axis: sideways is not one of step, time"},
		{"no summary", "---\nguide: a.md\n---\n", "x/README.md:3: the front matter has no summary: line"},
		{"markdown summary", "---\nsummary: uses `code`\nguide: a.md\n---\n", "x/README.md:2: summary: is plain text"},
		{"long summary", "---\nsummary: " + strings.Repeat("word ", 20) + "\nguide: a.md\n---\n", "x/README.md:2: summary: is 99 characters"},
		{"guide not a page", "---\nsummary: s\nguide: chapter three\n---\n", "x/README.md:3: guide: names a page of the guide"},
		{"not key value", "---\nsummary: s\nguide: a.md\njust words\n---\n", "x/README.md:4: front matter lines are `key: value`"},
		{"twice", "---\nsummary: s\nsummary: t\nguide: a.md\n---\n", "x/README.md:3: summary: is given twice"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var errs errorList
			_, _, _, ok := parseFrontMatter("x/README.md", []byte(c.md), &errs)
			err := errs.err("examples")
			if ok || err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("ok %v; want an error containing %q, got %v", ok, c.want, err)
			}
		})
	}
}

// The picker follows the guide: page order, then the section's place in
// the page, then name; a guide reference that names no page or section is
// an error at its line.
func TestPlaceExamplesFollowsTheGuide(t *testing.T) {
	pages := []*docPage{
		{file: "web/docs/index.md", url: "/docs/"},
		{file: "web/docs/01-a.md", slug: "a", url: "/docs/a/", title: "A", r: rendered{headings: []heading{{"first", "First"}, {"second", "Second"}}}},
		{file: "web/docs/02-b.md", slug: "b", url: "/docs/b/", title: "B"},
	}
	ex := func(name, guide string) example {
		return example{Name: name, file: "web/examples/" + name + "/README.md", Description: "See [b](02-b.md).", exampleMeta: exampleMeta{GuidePath: guide, guideLine: 3}}
	}
	var errs errorList
	got := placeExamples([]example{
		ex("zeta", "01-a.md"), ex("late", "02-b.md"), ex("sec2", "01-a.md#second"), ex("sec1", "01-a.md#first"), ex("alpha", "01-a.md"),
		ex("nopage", "07-gone.md"), ex("nosection", "01-a.md#third"),
	}, pages, resolver(pages), &errs)
	var names []string
	for _, e := range got {
		names = append(names, e.Name)
	}
	if strings.Join(names, " ") != "alpha zeta sec1 sec2 late" {
		t.Errorf("order %v", names)
	}
	if g := got[3].Guide; g == nil || g.Chapter != 1 || g.Section != "Second" || g.URL != "/docs/a/#second" {
		t.Errorf("sec2's guide %+v", g)
	}
	if !strings.Contains(got[0].HTML, `<a href="/docs/b/">b</a>`) {
		t.Errorf("explanation links are resolved like the guide's: %s", got[0].HTML)
	}
	msg := errs.err("examples").Error()
	for _, want := range []string{`web/examples/nopage/README.md:3: guide: "07-gone.md" is not a page`, "web/examples/nosection/README.md:3: guide: 01-a.md has no section #third"} {
		if !strings.Contains(msg, want) {
			t.Errorf("errors lack %q:\n%s", want, msg)
		}
	}
}
