package runner

import (
	"bytes"
	"fmt"

	"github.com/loopscope/loopscope/core"
)

// Golden is the deterministic text of a result for golden files: outcome,
// message, output lines with their attribution, and the trace without wall
// times.
func (r *Result) Golden() string {
	var b bytes.Buffer
	fmt.Fprintf(&b, "outcome: %s\nmessage: %s\n", r.Outcome, r.Message)
	if r.Limit != "" {
		fmt.Fprintf(&b, "limit: %s\n", r.Limit)
	}
	for _, d := range r.Diagnostics {
		fmt.Fprintf(&b, "diagnostic: %d:%d: %s\n", d.Line, d.Col, d.Message)
	}
	b.WriteString("--- output\n")
	for _, l := range r.Output {
		fmt.Fprintf(&b, "[in %d, seq %d] %s\n", l.In, l.Seq, l.Text)
	}
	b.WriteString("--- trace\n")
	if err := core.WriteJSON(&b, r.Events, true); err != nil {
		fmt.Fprintf(&b, "error: %v\n", err)
	}
	return b.String()
}
