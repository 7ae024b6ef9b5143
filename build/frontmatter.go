package main

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// exampleMeta is what an example declares about itself, in front matter at
// the top of its README.md: plain `key: value` lines between two `---`
// lines (a strict subset of YAML: no quoting, no nesting), for example
//
//	---
//	summary: Three downloads that block the loop run one after another.
//	guide: 03-blocking-vs-concurrent.md#a-blocking-call-stalls-everything
//	axis: time
//	---
//	# The bad download: blocking calls inside tasks
//
// Keys:
//   - summary (required): one line for the picker, plain text;
//   - guide (required): the guide page, and optionally its #section, whose
//     lesson the example shows; the picker follows the guide's order;
//   - clock: virtual (default) or real, the clock the example opens with;
//   - axis: step (default) or time, the timeline axis it opens with
//     ("time" for anything about time);
//   - timeline: shown (default) or hidden, whether embeds of the example
//     open with the timeline;
//   - lang: go (default, program in main.go) or python (main.py).
type exampleMeta struct {
	Summary   string `json:"summary"`
	Lang      string `json:"lang"`
	Clock     string `json:"clock"`
	Axis      string `json:"axis"`
	Timeline  string `json:"timeline"`
	GuidePath string `json:"-"`
	guideLine int
	// Twin names the example showing the same program in the other
	// language (a Python example names its Go twin; the build adds the
	// reverse link).
	Twin     string `json:"twin,omitempty"`
	twinLine int
}

const maxSummary = 90

var metaChoices = map[string][]string{
	"lang":     {"go", "python"},
	"clock":    {"virtual", "real"},
	"axis":     {"step", "time"},
	"timeline": {"shown", "hidden"},
}

// parseFrontMatter reads an example README's front matter; body is the rest
// and bodyLine its first line. Every mistake is reported at its line.
func parseFrontMatter(file string, md []byte, errs *errorList) (meta exampleMeta, body []byte, bodyLine int, ok bool) {
	meta = exampleMeta{Lang: "go", Clock: "virtual", Axis: "step", Timeline: "shown"}
	lines := strings.SplitAfter(string(md), "\n")
	if len(lines) == 0 || strings.TrimSpace(lines[0]) != "---" {
		errs.add(file, 1, "an example's README.md starts with front matter: a --- line, summary: and guide: lines, a --- line")
		return meta, nil, 0, false
	}
	n := len(*errs)
	seen := map[string]bool{}
	end := -1
	for i := 1; i < len(lines); i++ {
		line := strings.TrimSpace(lines[i])
		if line == "---" {
			end = i
			break
		}
		if line == "" || strings.HasPrefix(line, "#") {
			continue // a blank line or a YAML comment
		}
		key, val, found := strings.Cut(line, ":")
		key, val = strings.TrimSpace(key), strings.TrimSpace(val)
		if !found || key == "" || val == "" {
			errs.add(file, i+1, "front matter lines are `key: value`, not %q", line)
			continue
		}
		if seen[key] {
			errs.add(file, i+1, "%s: is given twice", key)
		}
		seen[key] = true
		switch key {
		case "summary":
			switch {
			case utf8.RuneCountInString(val) > maxSummary:
				errs.add(file, i+1, "summary: is %d characters; the picker shows one short line (at most %d)", utf8.RuneCountInString(val), maxSummary)
			case strings.ContainsAny(val, "`*_<>[]"):
				errs.add(file, i+1, "summary: is plain text (the picker shows no Markdown)")
			}
			meta.Summary = val
		case "guide":
			if !strings.HasSuffix(strings.SplitN(val, "#", 2)[0], ".md") {
				errs.add(file, i+1, "guide: names a page of the guide by its file, like 03-blocking-vs-concurrent.md#all-at-once")
			}
			meta.GuidePath, meta.guideLine = val, i+1
		case "lang", "clock", "axis", "timeline":
			if !slices.Contains(metaChoices[key], val) {
				errs.add(file, i+1, "%s: %s is not one of %s", key, val, strings.Join(metaChoices[key], ", "))
			}
			switch key {
			case "lang":
				meta.Lang = val
			case "clock":
				meta.Clock = val
			case "axis":
				meta.Axis = val
			case "timeline":
				meta.Timeline = val
			}
		case "twin":
			meta.Twin, meta.twinLine = val, i+1
		default:
			errs.add(file, i+1, "unknown front matter key %q (known: summary, guide, clock, axis, timeline, lang, twin)", key)
		}
	}
	if end < 0 {
		errs.add(file, 1, "the front matter is never closed with a --- line")
		return meta, nil, 0, false
	}
	for _, k := range []string{"summary", "guide"} {
		if !seen[k] {
			errs.add(file, end+1, "the front matter has no %s: line", k)
		}
	}
	if len(*errs) > n {
		return meta, nil, 0, false
	}
	return meta, []byte(strings.Join(lines[end+1:], "")), end + 2, true
}
