package main

import (
	"fmt"
	"sort"
	"strings"
)

// posError is a problem in a source file, reported as file:line: message
// so editors and terminals can jump to it.
type posError struct {
	file string // relative to the repository root
	line int
	msg  string
}

func (e posError) Error() string {
	if e.line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.file, e.line, e.msg)
	}
	return e.file + ": " + e.msg
}

// errorList gathers every problem of a step, so one build shows them all.
type errorList []error

func (l *errorList) add(file string, line int, format string, args ...any) {
	*l = append(*l, posError{file: file, line: line, msg: fmt.Sprintf(format, args...)})
}

func (l errorList) err(step string) error {
	if len(l) == 0 {
		return nil
	}
	msgs := make([]string, len(l))
	for i, e := range l {
		msgs[i] = e.Error()
	}
	sort.Strings(msgs)
	return fmt.Errorf("%s: %d problem(s):\n  %s", step, len(l), strings.Join(msgs, "\n  "))
}

// lineOf is the 1-based line of byte offset off in src.
func lineOf(src []byte, off int) int {
	if off > len(src) {
		off = len(src)
	}
	return 1 + strings.Count(string(src[:off]), "\n")
}
