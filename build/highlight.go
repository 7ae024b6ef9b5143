package main

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"sort"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
)

// Code is highlighted with CSS classes rather than inline styles: the pages'
// Content-Security-Policy allows no inline styles, and one stylesheet
// themes every block, in the light and the dark colour scheme alike.
var (
	codeFormatter = chromahtml.New(chromahtml.WithClasses(true))
	codeStyle     = styles.Get("github")
	codeStyleDark = styles.Get("github-dark")
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

// highlightCSS is the stylesheet for the classes highlight uses: the light
// style as chroma writes it, then the dark style for a system in dark mode.
func highlightCSS() []byte {
	var b bytes.Buffer
	if err := codeFormatter.WriteCSS(&b, codeStyle); err != nil {
		panic(err) // writes to a buffer do not fail
	}
	b.WriteString("\n@media (prefers-color-scheme: dark) {\n")
	b.Write(darkTokenCSS(codeStyleDark))
	b.WriteString("}\n")
	return b.Bytes()
}

// darkTokenCSS restyles every token class from style. chroma's own CSS
// leaves out a class that looks like plain text, and a light rule's bold or
// colour would then show through on the dark background; so every rule here
// sets colour, background and font outright.
func darkTokenCSS(style *chroma.Style) []byte {
	bg := style.Get(chroma.Background)
	byClass := map[string]chroma.TokenType{}
	for t, class := range chroma.StandardTypes {
		// Negative types are the wrapper and line-number layout, except
		// the tokens a lexer could not read (Error) or hands on (Other).
		if (t < 0 && t != chroma.Error && t != chroma.Other) || class == "" {
			continue
		}
		byClass[class] = t
	}
	classes := make([]string, 0, len(byClass))
	for c := range byClass {
		classes = append(classes, c)
	}
	sort.Slice(classes, func(i, j int) bool { return byClass[classes[i]] < byClass[classes[j]] })

	var b bytes.Buffer
	fmt.Fprintf(&b, ".chroma { color: %s; }\n", bg.Colour)
	for _, class := range classes {
		e := style.Get(byClass[class])
		colour := "inherit"
		if e.Colour.IsSet() {
			colour = e.Colour.String()
		}
		back := "transparent"
		if e.Background.IsSet() && e.Background != bg.Background {
			back = e.Background.String()
		}
		fmt.Fprintf(&b, ".chroma .%s { color: %s; background-color: %s; font-weight: %s; font-style: %s; text-decoration: %s; }\n",
			class, colour, back, pick(e.Bold == chroma.Yes, "bold", "normal"),
			pick(e.Italic == chroma.Yes, "italic", "normal"), pick(e.Underline == chroma.Yes, "underline", "none"))
	}
	return b.Bytes()
}

func pick(cond bool, yes, no string) string {
	if cond {
		return yes
	}
	return no
}
