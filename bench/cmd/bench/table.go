package main

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"
)

// printTable prints one row per workload and runtime, with the ratio of the
// value to uvloop's and to asyncio's for the same workload in this run.
// For bytes, lower is better, so a ratio below 1 is the good direction.
func printTable(w io.Writer, res results) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "workload\truntime\tvalue\t÷uvloop\t÷asyncio\t")
	for _, wl := range rows(res) {
		byRT := res[wl]
		first := true
		for _, rt := range columns(byRT) {
			m := byRT[rt]
			name := ""
			if first {
				name, first = wl, false
			}
			if m.Missing != "" {
				// The reason trails the aligned cells so a long one does not widen them.
				fmt.Fprintf(tw, "%s\t%s\tmissing\t\t\t%s\n", name, rt, m.Missing)
				continue
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t\n", name, rt, format(m), ratio(m, byRT[rtUvloop]), ratio(m, byRT[rtAsyncio]))
		}
	}
	tw.Flush()
	fmt.Fprintln(w, "(ratios are value ÷ reference; for bytes/task lower is better; notes in results.json say how memory was measured)")
}

// rows puts the loop workloads first, in their fixed order, then the rest
// (the machine has its own line above the table).
func rows(res results) []string {
	var rest []string
	for wl := range res {
		if !slices.Contains(workloadOrder, wl) && wl != "machine" {
			rest = append(rest, wl)
		}
	}
	sort.Strings(rest)
	return append(slices.Clone(workloadOrder), rest...)
}

func columns(byRT map[string]measurement) []string {
	var cols []string
	for _, rt := range runtimeOrder {
		if _, ok := byRT[rt]; ok {
			cols = append(cols, rt)
		}
	}
	var rest []string
	for rt := range byRT {
		if !slices.Contains(runtimeOrder, rt) {
			rest = append(rest, rt)
		}
	}
	sort.Strings(rest)
	return append(cols, rest...)
}

func format(m measurement) string {
	switch {
	case m.Unit == "ops/s" && m.Value >= 1e6:
		return fmt.Sprintf("%.2f M ops/s", m.Value/1e6)
	case m.Unit == "ops/s":
		return fmt.Sprintf("%.0f k ops/s", m.Value/1e3)
	case strings.HasPrefix(m.Unit, "bytes"), m.Unit == "ms":
		return fmt.Sprintf("%.0f %s", m.Value, m.Unit)
	}
	return fmt.Sprintf("%.3g %s", m.Value, m.Unit)
}

func ratio(m, ref measurement) string {
	if ref.Missing != "" || ref.Unit != m.Unit || ref.Value == 0 {
		return ""
	}
	return fmt.Sprintf("%.2f", m.Value/ref.Value)
}
