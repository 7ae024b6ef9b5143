package runner

import (
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/loopscope/loopscope/core"
)

// WriteTimeline writes a compact text timeline of the trace: one line per
// event (loop iterations left out), with loop time, who was running and the
// program line.
func WriteTimeline(w io.Writer, events []core.Event) error {
	names := map[uint64]string{}
	for _, ev := range events {
		if ev.Name != "" && ev.ID != 0 {
			if _, ok := names[ev.ID]; !ok {
				names[ev.ID] = ev.Name
			}
		}
	}
	who := func(id uint64) string {
		if id == 0 {
			return "loop"
		}
		if n, ok := names[id]; ok {
			return n
		}
		return "cb#" + strconv.FormatUint(id, 10)
	}
	for _, ev := range events {
		if ev.Kind == core.KindIterBegin || ev.Kind == core.KindIterEnd {
			continue
		}
		what := string(ev.Kind)
		if ev.ID != 0 && ev.Kind != core.KindOutput {
			what += " " + who(ev.ID)
		}
		if ev.Detail != "" {
			what += " (" + ev.Detail + ")"
		}
		if ev.Ref != 0 {
			what += " -> " + who(ev.Ref)
		}
		if ev.Value != "" {
			what += " " + strconv.Quote(ev.Value)
		}
		if ev.Due != 0 {
			what += " due " + ev.Due.String()
		}
		pos := ""
		if ev.Pos != "" {
			pos = "  @" + ev.Pos
		}
		if _, err := fmt.Fprintf(w, "%10s %5d  %-12s %s%s\n", fmtTime(ev.Time), ev.Seq, who(ev.In), what, pos); err != nil {
			return err
		}
	}
	return nil
}

func fmtTime(d time.Duration) string { return d.String() }
