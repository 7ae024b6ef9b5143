package main

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// snippet is a ```go playground or ```python playground block of a docs page.
type snippet struct {
	file   string // the Markdown file
	line   int    // line of the opening fence
	id     string // the embed's element id on its page
	lang   string // "go" or "python"
	clock  string
	expect string
	code   string
	// how the running example opens: with the timeline shown, on which axis
	timeline bool
	axis     string
}

// rendered is one Markdown page turned into HTML.
type rendered struct {
	title    string
	html     []byte
	snippets []snippet
	headings []heading // the ## sections, in order
}

type heading struct{ id, text string }

// linkResolver maps a link in a page to the URL it should have, or says why
// it cannot.
type linkResolver func(dest string) (string, error)

var external = regexp.MustCompile(`^(https?:|mailto:)`)

// renderMarkdown renders one docs page: GFM, heading ids, highlighted code,
// playground blocks as embeds, links to other pages' .md files rewritten to
// their URLs. Every problem is added to errs with its line.
func renderMarkdown(file string, src []byte, resolve linkResolver, errs *errorList) rendered {
	fr := &fenceRenderer{file: file, src: src, errs: errs}
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(fr, 100))),
	)
	doc := md.Parser().Parse(text.NewReader(src))
	var out rendered
	examples := 0
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			if n.Level == 1 {
				if out.title != "" {
					errs.add(file, lineOf(src, n.Lines().At(0).Start), "a page has one # title; use ## for sections")
				}
				out.title = plainText(n, src)
			}
			if n.Level == 2 {
				id, _ := n.AttributeString("id")
				idb, _ := id.([]byte)
				out.headings = append(out.headings, heading{id: string(idb), text: plainText(n, src)})
			}
		case *ast.Link:
			dest := string(n.Destination)
			url, err := resolve(dest)
			if err != nil {
				errs.add(file, inlineLine(n, src, dest), "link %q: %v", dest, err)
			} else {
				n.Destination = []byte(url)
			}
		case *ast.Image:
			errs.add(file, inlineLine(n, src, string(n.Destination)), "images are not supported in docs pages yet")
		case *ast.FencedCodeBlock:
			line := fenceLine(n, src)
			if !fenceClosed(n, src) {
				errs.add(file, line, "code fence is never closed (it would swallow the rest of the page)")
				return ast.WalkSkipChildren, nil
			}
			var info string
			if n.Info != nil {
				info = string(n.Info.Segment.Value(src))
			}
			f, err := parseFence(info)
			if err != nil {
				errs.add(file, line, "%v", err)
				return ast.WalkSkipChildren, nil
			}
			if f.playground {
				examples++
				code := string(n.Lines().Value(src))
				if strings.TrimSpace(code) == "" {
					errs.add(file, line, "empty playground block")
				}
				s := snippet{file: file, line: line, id: "example-" + strconv.Itoa(examples), lang: f.lang, clock: f.clock, expect: f.expect, code: code, timeline: f.timeline, axis: f.axis}
				out.snippets = append(out.snippets, s)
				fr.embeds = append(fr.embeds, s)
			}
		}
		return ast.WalkContinue, nil
	})
	if out.title == "" {
		errs.add(file, 1, "the page has no # title")
	}
	var b bytes.Buffer
	if err := md.Renderer().Render(&b, src, doc); err != nil {
		errs.add(file, 0, "rendering: %v", err)
	}
	out.html = b.Bytes()
	return out
}

// plainText is the text of an inline tree (a heading's words).
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.CodeSpan:
			for k := c.FirstChild(); k != nil; k = k.NextSibling() {
				if t, ok := k.(*ast.Text); ok {
					b.Write(t.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// inlineLine finds the line of an inline node: inline nodes carry no
// position, so search for its destination from the start of its block.
func inlineLine(n ast.Node, src []byte, dest string) int {
	p := n.Parent()
	for p != nil && p.Type() != ast.TypeBlock {
		p = p.Parent()
	}
	if p == nil || p.Lines().Len() == 0 {
		return 0
	}
	start := p.Lines().At(0).Start
	if i := bytes.Index(src[start:], []byte("("+dest)); i >= 0 {
		return lineOf(src, start+i)
	}
	return lineOf(src, start)
}

// fenceRenderer renders fenced code: highlighted, and wrapped as a runnable
// embed when it is a playground block (in the order the walk found them). A
// Go playground block followed at once by a Python one is the same program
// in both languages: the two go side by side in one .code-pair, each
// labelled with its language.
type fenceRenderer struct {
	file   string
	src    []byte
	errs   *errorList
	embeds []snippet
	next   int
}

func (r *fenceRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, r.render)
}

func (r *fenceRenderer) render(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.FencedCodeBlock)
	var info string
	if n.Info != nil {
		info = string(n.Info.Segment.Value(src))
	}
	f, _ := parseFence(info) // errors were reported by the walk
	code := string(n.Lines().Value(src))
	if f.playground && r.next < len(r.embeds) {
		s := r.embeds[r.next]
		r.next++
		opensPair := s.lang == "go" && isPlayground(n.NextSibling(), src, "python")
		closesPair := s.lang == "python" && isPlayground(n.PreviousSibling(), src, "go")
		if opensPair {
			w.WriteString(`<div class="code-pair">` + "\n")
		}
		if opensPair || closesPair {
			fmt.Fprintf(w, `<div class="code-pair-col"><div class="code-pair-lang">%s</div>`+"\n", langNames[s.lang])
		}
		fmt.Fprintf(w, `<div class="loopscope-embed" data-lang="%s" data-clock="%s" data-axis="%s"`, s.lang, s.clock, s.axis)
		if s.timeline {
			w.WriteString(` data-timeline="shown"`)
		}
		fmt.Fprintf(w, ` id="%s">`+"\n", s.id)
		defer func() {
			w.WriteString("</div>\n") // the embed
			if opensPair || closesPair {
				w.WriteString("</div>\n") // the column
			}
			if closesPair {
				w.WriteString("</div>\n") // the pair
			}
		}()
	}
	if err := highlight(w, code, f.lang); err != nil {
		r.errs.add(r.file, fenceLine(n, src), "highlighting: %v", err)
	}
	return ast.WalkSkipChildren, nil
}

var langNames = map[string]string{"go": "Go", "python": "Python"}

// isPlayground reports whether n is a ```LANG playground block.
func isPlayground(n ast.Node, src []byte, lang string) bool {
	b, ok := n.(*ast.FencedCodeBlock)
	if !ok || b.Info == nil {
		return false
	}
	f, err := parseFence(string(b.Info.Segment.Value(src)))
	return err == nil && f.playground && f.lang == lang
}
