package jsoncheck_test

import (
	"encoding/json"
	"go/scanner"
	"testing"

	"github.com/loopscope/loopscope/wasm/runner"
)

// The format answer, for a program gofmt takes, one it rejects (the error's
// place) and text that must be escaped.
func TestFormatJSON(t *testing.T) {
	for _, src := range []string{
		"package main\nfunc main(){println(\"<&>\u2028\")}\n",
		"package main\n\nfunc main() {\n\tx := \n}\n",
		"not go at all \xff",
		"",
	} {
		var want map[string]any
		if out, err := runner.Format(src); err != nil {
			line, col := 0, 0
			if list, ok := err.(scanner.ErrorList); ok && len(list) > 0 {
				line, col = list[0].Pos.Line, list[0].Pos.Column
			}
			want = map[string]any{"error": err.Error(), "line": line, "col": col}
		} else {
			want = map[string]any{"source": out}
		}
		w, err := json.Marshal(want)
		if err != nil {
			t.Fatal(err)
		}
		if got := runner.FormatJSON(src); got != string(w) {
			t.Errorf("%q:\n got %s\nwant %s", src, got, w)
		}
	}
}
