package main

import (
	"bytes"
	"html"
	"io"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
)

// Code is highlighted with CSS classes rather than inline styles: the pages'
// Content-Security-Policy allows no inline styles, and one stylesheet
// themes every block.
var (
	codeFormatter = chromahtml.New(chromahtml.WithClasses(true))
	codeStyle     = styles.Get("github")
)

// highlight writes code as a <pre> highlighted for lang. The <pre>'s
// textContent is exactly code: the embed script runs what it reads there.
func highlight(w io.Writer, code, lang string) error {
	lexer := lexers.Get(lang)
	if lexer == nil {
		_, err := io.WriteString(w, `<pre class="chroma"><code>`+html.EscapeString(code)+"</code></pre>\n")
		return err
	}
	it, err := chroma.Coalesce(lexer).Tokenise(nil, code)
	if err != nil {
		return err
	}
	return codeFormatter.Format(w, codeStyle, it)
}

// highlightCSS is the stylesheet for the classes highlight uses.
func highlightCSS() []byte {
	var b bytes.Buffer
	if err := codeFormatter.WriteCSS(&b, codeStyle); err != nil {
		panic(err) // writes to a buffer do not fail
	}
	return b.Bytes()
}
