package main

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// A fence's info string: the language, then flags. ```go playground (or
// ```python playground) marks a runnable example; clock=real runs it on the
// real clock; expect=OUTCOME (error, deadlock, panic...) states that the
// example is meant to end that way, so the build (Go) or
// web/python/tests/test_docs_blocks.py (Python) can check that it still
// does. A docs example shows its timeline when run, since the guide's text
// has the reader look at it (timeline, the default, may be written out;
// timeline=hidden leaves it behind the embed's Timeline button); axis=time
// shows it on loop time.
type fenceInfo struct {
	lang       string
	playground bool
	clock      string
	expect     string
	timeline   bool
	axis       string
}

var outcomes = map[string]bool{"ok": true, "error": true, "panic": true, "deadlock": true, "limit": true}

func parseFence(info string) (fenceInfo, error) {
	f := fenceInfo{clock: "virtual", expect: "ok", axis: "step"}
	words := strings.Fields(info)
	if len(words) == 0 {
		return f, nil
	}
	f.lang = words[0]
	timelineFlag, hidden := false, false
	for _, w := range words[1:] {
		switch {
		case w == "playground":
			f.playground = true
		case w == "clock=virtual" || w == "clock=real":
			f.clock = strings.TrimPrefix(w, "clock=")
		case w == "timeline" || w == "timeline=hidden":
			timelineFlag, hidden = true, w == "timeline=hidden"
		case w == "axis=step" || w == "axis=time":
			f.axis = strings.TrimPrefix(w, "axis=")
		case strings.HasPrefix(w, "expect="):
			f.expect = strings.TrimPrefix(w, "expect=")
			if !outcomes[f.expect] {
				return f, fmt.Errorf("unknown expect=%s (want ok, error, panic, deadlock or limit)", f.expect)
			}
		default:
			return f, fmt.Errorf("unknown fence flag %q (known: playground, clock=virtual|real, expect=OUTCOME, timeline, timeline=hidden, axis=step|time)", w)
		}
	}
	if f.playground && f.lang != "go" && f.lang != "python" {
		return f, fmt.Errorf("a playground block must be ```go playground or ```python playground, not %q", f.lang)
	}
	if !f.playground && (f.clock != "virtual" || f.expect != "ok" || timelineFlag || f.axis != "step") {
		return f, fmt.Errorf("clock=, expect=, timeline and axis= only apply to playground blocks")
	}
	f.timeline = f.playground && !hidden
	return f, nil
}

var closingFence = regexp.MustCompile("^ {0,3}(`{3,}|~{3,})[ \t]*$")

// fenceLine is the line of a fenced block's opening fence.
func fenceLine(n *ast.FencedCodeBlock, src []byte) int {
	if n.Info != nil {
		return lineOf(src, n.Info.Segment.Start)
	}
	if n.Lines().Len() > 0 {
		return lineOf(src, n.Lines().At(0).Start) - 1
	}
	return 0
}

// fenceClosed reports whether the block ends with a closing fence: goldmark
// lets an unclosed fence run to the end of the file, which in a docs page is
// always a mistake that swallows the rest of it.
func fenceClosed(n *ast.FencedCodeBlock, src []byte) bool {
	var after int
	if l := n.Lines(); l.Len() > 0 {
		after = l.At(l.Len() - 1).Stop
	} else if n.Info != nil {
		after = n.Info.Segment.Stop
		if i := strings.IndexByte(string(src[after:]), '\n'); i >= 0 {
			after += i + 1
		} else {
			return false
		}
	} else {
		return true // an empty block without info: nothing to check against
	}
	if after >= len(src) {
		return false
	}
	line := string(src[after:])
	if i := strings.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	return closingFence.MatchString(strings.TrimRight(line, "\r"))
}
