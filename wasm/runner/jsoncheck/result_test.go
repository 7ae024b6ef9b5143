// Package jsoncheck_test holds the runner's JSON tests, fuzz targets among
// them, apart from the runner's other tests: those run programs in ixgo,
// which replaces flag.CommandLine with an unparsed set, and the testing
// package's pass over the fuzz seed corpora then panics ("Verbose called
// before Parse").
package jsoncheck_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/loopscope/loopscope/core"
	"github.com/loopscope/loopscope/wasm/runner"
)

// plainResult has Result's fields and tags but none of its methods: what
// json.Marshal makes of it is the reflection encoding AppendJSON replaces.
type plainResult runner.Result

// reflectMessageJSON is MarshalJSON as it was, on encoding/json.
func reflectMessageJSON(t testing.TB, m runner.Message) []byte {
	var v any
	switch m.Type {
	case "running":
		v = struct {
			Type string `json:"type"`
			In   uint64 `json:"in"`
			Pos  string `json:"pos"`
			Seq  uint64 `json:"seq"`
		}{m.Type, m.In, m.Pos, m.Seq}
	case "event":
		v = struct {
			Type  string      `json:"type"`
			Event *core.Event `json:"event"`
		}{m.Type, m.Event}
	default:
		v = struct {
			Type string `json:"type"`
			Text string `json:"text"`
			In   uint64 `json:"in"`
			Seq  uint64 `json:"seq"`
		}{m.Type, m.Text, m.In, m.Seq}
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func checkMessage(t testing.TB, m runner.Message) {
	want := reflectMessageJSON(t, m)
	if got := m.AppendJSON([]byte("[")); !bytes.Equal(got[1:], want) {
		t.Errorf("AppendJSON:\n got %s\nwant %s", got[1:], want)
	}
	// Through encoding/json, which calls MarshalJSON and compacts it.
	got, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("json.Marshal:\n got %s\nwant %s", got, want)
	}
}

func checkResult(t testing.TB, r *runner.Result) {
	want, err := json.Marshal((*plainResult)(r))
	if err != nil {
		t.Fatal(err)
	}
	if got := r.JSON(); !bytes.Equal(got, want) {
		t.Errorf("JSON:\n got %s\nwant %s", got, want)
	}
	if got := r.AppendJSON([]byte("x")); !bytes.Equal(got[1:], want) {
		t.Errorf("AppendJSON:\n got %s\nwant %s", got[1:], want)
	}
}

// goldenResult reads a golden file (Result.Golden) back into a Result.
func goldenResult(t *testing.T, file string) *runner.Result {
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	r := &runner.Result{Output: []runner.Line{}, Diagnostics: []runner.Diagnostic{}, Events: []core.Event{}}
	section := ""
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		l := sc.Text()
		switch {
		case strings.HasPrefix(l, "--- "):
			section = l
		case section == "" && strings.HasPrefix(l, "outcome: "):
			r.Outcome = strings.TrimPrefix(l, "outcome: ")
		case section == "" && strings.HasPrefix(l, "message: "):
			r.Message = strings.TrimPrefix(l, "message: ")
		case section == "" && strings.HasPrefix(l, "limit: "):
			r.Limit = strings.TrimPrefix(l, "limit: ")
		case section == "" && strings.HasPrefix(l, "diagnostic: "):
			var d runner.Diagnostic
			pos, msg, _ := strings.Cut(strings.TrimPrefix(l, "diagnostic: "), ": ")
			line, col, _ := strings.Cut(pos, ":")
			d.Line, _ = strconv.Atoi(line)
			d.Col, _ = strconv.Atoi(col)
			d.Message = msg
			r.Diagnostics = append(r.Diagnostics, d)
		case section == "--- output":
			var ln runner.Line
			head, text, _ := strings.Cut(l, "] ")
			if _, err := fmt.Sscanf(head, "[in %d, seq %d", &ln.In, &ln.Seq); err != nil {
				t.Fatalf("%s: %q: %v", file, l, err)
			}
			ln.Text = text
			r.Output = append(r.Output, ln)
		case section == "--- trace" && strings.HasPrefix(l, "{"):
			var ev core.Event
			if err := json.Unmarshal([]byte(strings.TrimSuffix(l, ",")), &ev); err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			r.Events = append(r.Events, ev)
		}
	}
	if r.Outcome == "" || len(r.Events) == 0 {
		t.Fatalf("%s: no outcome or no events", file)
	}
	return r
}

// Every golden run's result, and each of its lines and events as the
// message that streamed it.
func TestJSONGoldenResults(t *testing.T) {
	files, err := filepath.Glob("../testdata/golden/*.golden")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	for _, f := range files {
		r := goldenResult(t, f)
		checkResult(t, r)
		for _, l := range r.Output {
			checkMessage(t, runner.Message{Type: "output", Text: l.Text, In: l.In, Seq: l.Seq})
		}
		for i := range r.Events {
			ev := &r.Events[i]
			checkMessage(t, runner.Message{Type: "event", Event: ev})
			if ev.Pos != "" {
				checkMessage(t, runner.Message{Type: "running", In: ev.In, Pos: ev.Pos, Seq: ev.Seq})
			}
		}
	}
}

// The shapes' edges: nil slices are null, empty ones [], a nil event null,
// and a result that must escape everything.
func TestJSONEdges(t *testing.T) {
	checkResult(t, &runner.Result{})
	checkResult(t, runner.ErrorResult("bad request: <\u2028>"))
	checkResult(t, &runner.Result{Outcome: runner.OutcomeLimit, Limit: "events", Output: []runner.Line{{Text: "\xff\x00"}, {}},
		Diagnostics: []runner.Diagnostic{{Line: -1, Col: 1 << 40, Message: "&"}}, Events: []core.Event{{}, {Wall: 3}}})
	checkMessage(t, runner.Message{Type: "event"})
	checkMessage(t, runner.Message{Type: "output"})
	checkMessage(t, runner.Message{})
	checkMessage(t, runner.Message{Type: "running"})
	checkMessage(t, runner.Message{Type: "bogus", Text: "t", Pos: "ignored", Event: &core.Event{}})
}

func FuzzMessageJSON(f *testing.F) {
	for _, typ := range []string{"output", "event", "running", "", "\u2028"} {
		f.Add(typ, "a <b> & \"c\"\n\xff", uint64(3), uint64(7), "main.go:12", true, "task.step", "v\u2029")
	}
	f.Fuzz(func(t *testing.T, typ, text string, in, seq uint64, pos string, withEvent bool, kind, value string) {
		m := runner.Message{Type: typ, Text: text, In: in, Seq: seq, Pos: pos}
		if withEvent {
			m.Event = &core.Event{Seq: seq, Kind: core.Kind(kind), In: in, Value: value, Pos: pos}
		}
		checkMessage(t, m)
	})
}

func FuzzResultJSON(f *testing.F) {
	f.Add("ok", "the program finished", "hello <world>", uint64(2), uint64(9), 3, 4, "x\xffy", "", "v", uint8(0))
	f.Add("limit", "\u2028", "", uint64(0), uint64(0), -1, 0, "", "events", "", uint8(7))
	f.Fuzz(func(t *testing.T, outcome, message, text string, in, seq uint64, line, col int, diag, limit, value string, nils uint8) {
		r := &runner.Result{Outcome: outcome, Message: message, Limit: limit,
			Output:      []runner.Line{{Text: text, In: in, Seq: seq}, {Text: diag}},
			Diagnostics: []runner.Diagnostic{{Line: line, Col: col, Message: diag}},
			Events:      []core.Event{{Seq: seq, Kind: core.KindOutput, In: in, Value: value}, {Name: text}},
		}
		// The low bits make each slice nil or empty instead.
		if nils&1 != 0 {
			r.Output = nil
		}
		if nils&2 != 0 {
			r.Diagnostics = []runner.Diagnostic{}
		}
		if nils&4 != 0 {
			r.Events = nil
		}
		checkResult(t, r)
	})
}
