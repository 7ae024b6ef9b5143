package runner

import "strings"

// Reading a panic's stack without package regexp: the precompiled build
// (the page's first runner) links nothing else that needs it, and its
// package-level patterns were compiled at every start-up, before the
// first run could begin.

// withoutPCOffsets drops the " +0x1f" program-counter offset that ends a
// stack line: it means nothing to a reader of the program.
func withoutPCOffsets(stack string) string {
	lines := strings.Split(stack, "\n")
	for i, l := range lines {
		j := strings.LastIndex(l, " +0x")
		if j >= 0 && j+4 < len(l) && isLowerHex(l[j+4:]) {
			lines[i] = l[:j]
		}
	}
	return strings.Join(lines, "\n")
}

func isLowerHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// firstProgramLine finds the first stack line that names the program's
// file (fileName, alone or at the end of a path) and returns the line and
// column written after it; col is "" when the line gives none.
func firstProgramLine(stack string) (line, col string, ok bool) {
	for _, l := range strings.Split(stack, "\n") {
		t := strings.TrimLeft(l, stackSpace)
		if end := strings.IndexAny(t, stackSpace); end >= 0 {
			t = t[:end]
		}
		// The file name either starts the token or follows its last '/'
		// before the name: try the rightmost place first, as a path may
		// contain the name as a folder.
		for at := len(t); at >= 0; at-- {
			if at > 0 && t[at-1] != '/' {
				continue
			}
			if line, col, ok := positionAfter(t[at:]); ok {
				return line, col, true
			}
		}
	}
	return "", "", false
}

// stackSpace is what separates a stack line's words (RE2's \s, less the
// newline that separates lines).
const stackSpace = " \t\r\f"

// positionAfter reads "main.go:LINE[:COL]" at the start of s.
func positionAfter(s string) (line, col string, ok bool) {
	rest, found := strings.CutPrefix(s, fileName+":")
	if !found {
		return "", "", false
	}
	line = leadingDigits(rest)
	if line == "" {
		return "", "", false
	}
	rest = rest[len(line):]
	if after, found := strings.CutPrefix(rest, ":"); found {
		col = leadingDigits(after)
	}
	return line, col, true
}

func leadingDigits(s string) string {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i]
}
