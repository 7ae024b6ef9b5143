package main

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/doc"
	"go/parser"
	"go/printer"
	"go/token"
	"html"
	"html/template"
	"path/filepath"
	"strings"
)

// apiRef renders package core's reference from its doc comments. Each
// symbol lists the runnable examples that use it; core's own Example
// functions that make whole programs are rendered as embeds in place.
type apiRef struct {
	fset  *token.FileSet
	pkg   *doc.Package
	uses  map[string][]exampleRef
	b     bytes.Buffer
	snips []snippet
	errs  *errorList
}

func parseCore(cfg config) (*token.FileSet, *doc.Package, error) {
	fset := token.NewFileSet()
	names, err := filepath.Glob(cfg.path("core", "*.go"))
	if err != nil {
		return nil, nil, err
	}
	var files []*ast.File
	for _, n := range names {
		f, err := parser.ParseFile(fset, n, nil, parser.ParseComments)
		if err != nil {
			return nil, nil, fmt.Errorf("api reference: %v", err)
		}
		files = append(files, f)
	}
	pkg, err := doc.NewFromFiles(fset, files, corePath)
	if err != nil {
		return nil, nil, fmt.Errorf("api reference: %v", err)
	}
	return fset, pkg, nil
}

func renderAPI(cfg config, uses map[string][]exampleRef, errs *errorList) (template.HTML, []snippet, error) {
	fset, pkg, err := parseCore(cfg)
	if err != nil {
		return "", nil, err
	}
	r := &apiRef{fset: fset, pkg: pkg, uses: uses, errs: errs}
	r.page()
	return template.HTML(r.b.String()), r.snips, nil
}

func (r *apiRef) printf(format string, args ...any) { fmt.Fprintf(&r.b, format, args...) }

func (r *apiRef) page() {
	p := r.pkg
	r.printf("<h1>Package core</h1>\n<p><code>import %q</code></p>\n", corePath)
	r.comment(p.Doc)
	r.printf("<h2 id=\"index\">Index</h2>\n<ul class=\"api-index\">\n")
	for _, f := range p.Funcs {
		r.printf("<li><a href=\"#%s\">func %s</a></li>\n", f.Name, f.Name)
	}
	for _, t := range p.Types {
		r.printf("<li><a href=\"#%s\">type %s</a>", t.Name, t.Name)
		if n := len(t.Funcs) + len(t.Methods); n > 0 {
			r.printf("<ul>")
			for _, f := range t.Funcs {
				r.printf("<li><a href=\"#%s\">func %s</a></li>", f.Name, f.Name)
			}
			for _, m := range t.Methods {
				r.printf("<li><a href=\"#%s.%s\">%s</a></li>", t.Name, m.Name, m.Name)
			}
			r.printf("</ul>")
		}
		r.printf("</li>\n")
	}
	r.printf("</ul>\n")
	if len(p.Consts) > 0 {
		r.printf("<h2 id=\"constants\">Constants</h2>\n")
		r.values(p.Consts)
	}
	if len(p.Vars) > 0 {
		r.printf("<h2 id=\"variables\">Variables</h2>\n")
		r.values(p.Vars)
	}
	if len(p.Funcs) > 0 {
		r.printf("<h2 id=\"functions\">Functions</h2>\n")
		for _, f := range p.Funcs {
			r.fn(f, "", 3)
		}
	}
	if len(p.Types) > 0 {
		r.printf("<h2 id=\"types\">Types</h2>\n")
	}
	for _, t := range p.Types {
		r.printf("<h3 id=\"%s\">type %s</h3>\n", t.Name, t.Name)
		r.code(r.declText(t.Decl))
		r.comment(t.Doc)
		r.examples(t.Name, t.Examples)
		r.values(t.Consts)
		r.values(t.Vars)
		for _, f := range t.Funcs {
			r.fn(f, "", 4)
		}
		for _, m := range t.Methods {
			r.fn(m, t.Name, 4)
		}
	}
}

func (r *apiRef) values(vs []*doc.Value) {
	for _, v := range vs {
		r.code(r.declText(v.Decl))
		r.comment(v.Doc)
	}
}

func (r *apiRef) fn(f *doc.Func, recv string, level int) {
	id, title := f.Name, "func "+f.Name
	if recv != "" {
		id = recv + "." + f.Name
		title = "func (" + f.Recv + ") " + f.Name
	}
	r.printf("<h%d id=\"%s\">%s</h%d>\n", level, id, html.EscapeString(title), level)
	d := *f.Decl
	d.Doc, d.Body = nil, nil
	r.code(r.nodeText(&d))
	r.comment(f.Doc)
	r.examples(id, f.Examples)
}

// examples lists the runnable examples of a symbol: core's Example
// functions in place, and the docs pages and example programs using it.
func (r *apiRef) examples(id string, exs []*doc.Example) {
	for _, ex := range exs {
		if ex.Play == nil {
			continue // not a whole program: the playground cannot run it
		}
		sid := "example-" + id
		if ex.Suffix != "" {
			sid += "-" + ex.Suffix
		}
		code := r.nodeText(ex.Play)
		pos := r.fset.Position(ex.Code.Pos())
		rel, _ := filepath.Rel(filepath.Dir(filepath.Dir(pos.Filename)), pos.Filename)
		r.snips = append(r.snips, snippet{file: filepath.ToSlash(rel), line: pos.Line, id: sid, clock: "virtual", expect: "ok", code: code})
		r.printf("<p class=\"api-example-title\">Example%s</p>\n", html.EscapeString(strings.ReplaceAll(" "+ex.Suffix, "_", " ")))
		// Shown after Run like the guide's examples: "press Run and you get the
		// program's output and a timeline", the docs' home page says.
		r.printf("<div class=\"loopscope-embed\" data-clock=\"virtual\" data-timeline=\"shown\" id=\"%s\">\n", sid)
		r.code(code)
		r.printf("</div>\n")
	}
	refs := r.uses[id]
	if len(refs) == 0 {
		return
	}
	r.printf("<p class=\"api-examples\">Runnable examples: ")
	for i, ref := range refs {
		if i > 0 {
			r.printf(", ")
		}
		r.printf("<a href=\"%s\">%s</a>", html.EscapeString(ref.URL), html.EscapeString(ref.Title))
	}
	r.printf("</p>\n")
}

func (r *apiRef) comment(text string) {
	if strings.TrimSpace(text) == "" {
		return
	}
	p := r.pkg.Printer()
	p.HeadingLevel = 5
	p.DocLinkBaseURL = "https://pkg.go.dev"
	r.b.Write(p.HTML(r.pkg.Parser().Parse(text)))
}

func (r *apiRef) code(src string) {
	if err := highlight(&r.b, src, "go"); err != nil {
		r.errs.add("core", 0, "highlighting the API reference: %v", err)
	}
}

// declText prints a declaration without its doc comment; a struct whose
// unexported fields go/doc removed says so, as go doc does.
func (r *apiRef) declText(d *ast.GenDecl) string {
	c := *d
	c.Doc = nil
	s := r.nodeText(&c)
	for _, spec := range c.Specs {
		if ts, ok := spec.(*ast.TypeSpec); ok {
			if st, ok := ts.Type.(*ast.StructType); ok && st.Incomplete {
				s = strings.TrimSuffix(s, "}") + "\t// contains unexported fields\n}"
			}
		}
	}
	return s
}

func (r *apiRef) nodeText(n any) string {
	var b bytes.Buffer
	cfg := printer.Config{Mode: printer.UseSpaces | printer.TabIndent, Tabwidth: 8}
	if err := cfg.Fprint(&b, r.fset, n); err != nil {
		r.errs.add("core", 0, "printing a declaration: %v", err)
	}
	return b.String() + "\n"
}
