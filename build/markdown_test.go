package main

import (
	"strings"
	"testing"
)

func renderForTest(t *testing.T, src string) (rendered, errorList) {
	t.Helper()
	pages := []*docPage{{file: "web/docs/index.md", url: "/docs/"}, {file: "web/docs/01-intro.md", slug: "intro", url: "/docs/intro/"}}
	var errs errorList
	r := renderMarkdown("web/docs/x.md", []byte(src), resolver(pages), &errs)
	return r, errs
}

// Every mistake in a page is reported at its line.
func TestMarkdownErrorsHaveLines(t *testing.T) {
	cases := []struct {
		name, src, want string
	}{
		{"unclosed fence", "# T\n\ntext\n\n```go playground\npackage main\n", "web/docs/x.md:5: code fence is never closed"},
		{"unknown flag", "# T\n\n```go playgroud\nx\n```\n", "web/docs/x.md:3: unknown fence flag"},
		{"playground not go or python", "# T\n\n```rust playground\nx\n```\n", "web/docs/x.md:3: a playground block must be ```go playground or ```python playground"},
		{"broken link", "# T\n\nsee\n[the intro](02-missing.md) here\n", "web/docs/x.md:4: link \"02-missing.md\": no docs page"},
		{"relative link", "# T\n\n[x](../README.md)\n", "web/docs/x.md:3: link \"../README.md\""},
		{"no title", "text only\n", "web/docs/x.md:1: the page has no # title"},
		{"two titles", "# A\n\n# B\n", "web/docs/x.md:3: a page has one # title"},
		{"bad expect", "# T\n\n```go playground expect=maybe\nx\n```\n", "web/docs/x.md:3: unknown expect=maybe"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, errs := renderForTest(t, c.src)
			err := errs.err("docs")
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("want an error containing %q, got %v", c.want, err)
			}
		})
	}
}

func TestMarkdownPlaygroundBlock(t *testing.T) {
	code := "package main\n\nfunc main() { println(\"<b>&\") }\n"
	r, errs := renderForTest(t, "# Title `x`\n\nSee [intro](01-intro.md#part).\n\n```go playground clock=real\n"+code+"```\n\n```go\nplain()\n```\n")
	if err := errs.err("docs"); err != nil {
		t.Fatal(err)
	}
	if r.title != "Title x" {
		t.Errorf("title %q", r.title)
	}
	if len(r.snippets) != 1 || r.snippets[0].code != code || r.snippets[0].line != 5 || r.snippets[0].clock != "real" {
		t.Fatalf("snippets %+v", r.snippets)
	}
	html := string(r.html)
	for _, want := range []string{
		`<div class="loopscope-embed" data-lang="go" data-clock="real" data-axis="step" data-timeline="shown" id="example-1">`,
		`href="/docs/intro/#part"`,
		`<pre class="chroma">`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("rendered page lacks %s:\n%s", want, html)
		}
	}
	if strings.Count(html, "loopscope-embed") != 1 {
		t.Errorf("only the playground block is an embed:\n%s", html)
	}
	// The embed script runs the <pre>'s text: it must be the code exactly.
	blocks := embedSources(html)
	if len(blocks) != 1 || blocks[0] != code {
		t.Fatalf("embed text %q, want %q", blocks, code)
	}
}

// A Go playground block followed at once by a Python one renders side by
// side, each labelled; a Python block alone is an embed of its own; the
// texts the embed script reads stay exactly the code.
func TestMarkdownGoPythonPair(t *testing.T) {
	goCode := "package main\n\nfunc main() {}\n"
	pyCode := "import asyncio\n\nasyncio.run(asyncio.sleep(0))\n"
	alone := "print('<b>')\n"
	r, errs := renderForTest(t, "# T\n\n```go playground\n"+goCode+"```\n\n```python playground\n"+pyCode+"```\n\ntext\n\n```python playground expect=error\n"+alone+"```\n")
	if err := errs.err("docs"); err != nil {
		t.Fatal(err)
	}
	if len(r.snippets) != 3 || r.snippets[0].lang != "go" || r.snippets[1].lang != "python" || r.snippets[2].lang != "python" || r.snippets[2].expect != "error" {
		t.Fatalf("snippets %+v", r.snippets)
	}
	html := string(r.html)
	want := `<div class="code-pair">
<div class="code-pair-col"><div class="code-pair-lang">Go</div>
<div class="loopscope-embed" data-lang="go" data-clock="virtual" data-axis="step" data-timeline="shown" id="example-1">`
	if !strings.Contains(html, want) {
		t.Errorf("the pair does not open as expected:\n%s", html)
	}
	if strings.Count(html, `class="code-pair"`) != 1 || strings.Count(html, `class="code-pair-col"`) != 2 {
		t.Errorf("want one pair of two columns:\n%s", html)
	}
	// The pair closes before the text after it.
	pair := html[strings.Index(html, `<div class="code-pair">`):strings.Index(html, "<p>text</p>")]
	if strings.Count(pair, "<div") != strings.Count(pair, "</div>") {
		t.Errorf("the pair's divs are not balanced:\n%s", pair)
	}
	if !strings.Contains(html, `<div class="loopscope-embed" data-lang="python" data-clock="virtual" data-axis="step" data-timeline="shown" id="example-3">`) {
		t.Errorf("the lone Python block is not an embed:\n%s", html)
	}
	if got := embedSources(html); len(got) != 3 || got[0] != goCode || got[1] != pyCode || got[2] != alone {
		t.Errorf("embed texts %q", got)
	}
}

func TestPlaceholders(t *testing.T) {
	as := newAssets(t.TempDir())
	as.set("playground.js", "/assets/playground-AB.js")
	var errs errorList
	out := fillPlaceholders("web/pages/index.html", "<script src=\"{{asset \"playground.js\"}}\"></script>\n{{assets_meta}}\n", as, &errs)
	if err := errs.err("pages"); err != nil {
		t.Fatal(err)
	}
	want := `<script src="/assets/playground-AB.js"></script>` + "\n" + `<meta name="loopscope-assets" content="{&#34;playground.js&#34;:&#34;/assets/playground-AB.js&#34;}">`
	if !strings.HasPrefix(out, want) {
		t.Fatalf("got %q", out)
	}
	fillPlaceholders("web/pages/index.html", "a\n{{asset \"nope.js\"}}\n{{ bogus }}", as, &errs)
	msg := errs.err("pages").Error()
	for _, want := range []string{"web/pages/index.html:2: {{asset \"nope.js\"}}: the build made no such asset", "web/pages/index.html:3: unknown placeholder {{bogus}}"} {
		if !strings.Contains(msg, want) {
			t.Errorf("errors %q lack %q", msg, want)
		}
	}
}

// A program that does not compile, or no longer ends as its page says,
// fails the build at the page's line.
func TestCheckProgramsReportsLines(t *testing.T) {
	prog := "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(undefinedThing)\n}\n"
	ok := "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(1) }\n"
	var errs errorList
	checkPrograms([]program{
		{file: "web/docs/a.md", line: 10, expect: "ok", clock: "virtual", code: prog},
		{file: "web/docs/a.md", line: 30, expect: "deadlock", clock: "virtual", code: ok},
		{file: "web/docs/a.md", line: 50, expect: "ok", clock: "virtual", code: ok},
	}, &errs)
	if len(errs) != 2 {
		t.Fatalf("want 2 problems, got %v", errs)
	}
	msg := errs.err("x").Error()
	for _, want := range []string{"web/docs/a.md:16: does not compile: ", "undefinedThing", `web/docs/a.md:30: expected the example to end "deadlock" but it ended "ok"`} {
		if !strings.Contains(msg, want) {
			t.Errorf("errors %q lack %q", msg, want)
		}
	}
}

func TestTitleAndDescription(t *testing.T) {
	title, desc := titleAndDescription([]byte("\n# A title\n\nFirst line\nsecond.\n"))
	if title != "A title" || desc != "First line\nsecond." {
		t.Fatalf("%q %q", title, desc)
	}
	if title, _ := titleAndDescription([]byte("no heading\n# late\n")); title != "" {
		t.Fatalf("a description must start with its title, got %q", title)
	}
}

// A playground block's embed opens with its timeline shown (the guide's
// text points at it) unless the block says timeline=hidden, on the axis it
// asks; the page's embed script reads the data attributes.
func TestMarkdownPlaygroundTimelineFlags(t *testing.T) {
	r, errs := renderForTest(t, "# T\n\n```go playground timeline axis=time\npackage main\n```\n")
	if err := errs.err("docs"); err != nil {
		t.Fatal(err)
	}
	if want := `<div class="loopscope-embed" data-lang="go" data-clock="virtual" data-axis="time" data-timeline="shown" id="example-1">`; !strings.Contains(string(r.html), want) {
		t.Errorf("rendered block lacks %s:\n%s", want, r.html)
	}
	for info, want := range map[string]string{
		"go playground":                     `<div class="loopscope-embed" data-lang="go" data-clock="virtual" data-axis="step" data-timeline="shown" id="example-1">`,
		"python playground timeline=hidden": `<div class="loopscope-embed" data-lang="python" data-clock="virtual" data-axis="step" id="example-1">`,
	} {
		r, errs := renderForTest(t, "# T\n\n```"+info+"\npackage main\n```\n")
		if err := errs.err("docs"); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(r.html), want) {
			t.Errorf("%s: rendered block lacks %s:\n%s", info, want, r.html)
		}
	}
	_, errs = renderForTest(t, "# T\n\n```go timeline\nx\n```\n")
	if err := errs.err("docs"); err == nil || !strings.Contains(err.Error(), "only apply to playground blocks") {
		t.Errorf("timeline on a plain block: %v", err)
	}
}
