package runner

import (
	"go/scanner"
	"strconv"

	"github.com/loopscope/loopscope/internal/jsonenc"
)

// FormatJSON is the playground's format answer: {"source"} with the
// formatted program, or {"col","error","line"} (the first error's place, 0
// if unknown), keys in the order json.Marshal gave the map it once was.
func FormatJSON(src string) string {
	out, err := Format(src)
	if err != nil {
		line, col := 0, 0
		if list, ok := err.(scanner.ErrorList); ok && len(list) > 0 {
			line, col = list[0].Pos.Line, list[0].Pos.Column
		}
		b := strconv.AppendInt([]byte(`{"col":`), int64(col), 10)
		b = jsonenc.AppendString(append(b, `,"error":`...), err.Error())
		b = strconv.AppendInt(append(b, `,"line":`...), int64(line), 10)
		return string(append(b, '}'))
	}
	return string(append(jsonenc.AppendString([]byte(`{"source":`), out), '}'))
}
