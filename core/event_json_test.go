package core

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// plainEvent has Event's fields and tags but none of its methods: what
// json.Marshal makes of it is the reflection encoding AppendJSON replaces.
type plainEvent Event

func reflectJSON(t testing.TB, ev *Event) []byte {
	b, err := json.Marshal((*plainEvent)(ev))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// goldenEventLines are the event lines of every golden trace in the repo:
// the runner's (written by WriteJSON) and Python mode's.
func goldenEventLines(t *testing.T) map[string][]string {
	var files []string
	for _, pat := range []string{"../wasm/runner/testdata/golden/*.golden", "../web/python/testdata/golden*/*.golden"} {
		m, err := filepath.Glob(pat)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) < 20 {
		t.Fatalf("found %d golden files, want the runner's and Python's", len(files))
	}
	lines := map[string][]string{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		_, trace, ok := strings.Cut(string(b), "--- trace\n")
		if !ok {
			t.Fatalf("%s: no trace", f)
		}
		sc := bufio.NewScanner(strings.NewReader(trace))
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			if l := strings.TrimSuffix(sc.Text(), ","); strings.HasPrefix(l, "{") {
				lines[f] = append(lines[f], l)
			}
		}
		if len(lines[f]) == 0 {
			t.Fatalf("%s: no events", f)
		}
	}
	return lines
}

func TestAppendJSONGoldenEvents(t *testing.T) {
	n := 0
	for f, lines := range goldenEventLines(t) {
		fromGo := strings.Contains(f, "wasm/runner")
		for _, l := range lines {
			var ev Event
			if err := json.Unmarshal([]byte(l), &ev); err != nil {
				t.Fatalf("%s: %v: %s", f, err, l)
			}
			got := ev.AppendJSON(nil)
			if want := reflectJSON(t, &ev); !bytes.Equal(got, want) {
				t.Errorf("%s:\n got %s\nwant %s", f, got, want)
			}
			// The runner's golden lines were written by encoding/json.
			if fromGo && string(got) != l {
				t.Errorf("%s:\n got %s\nfile %s", f, got, l)
			}
			n++
		}
	}
	t.Logf("%d events", n)
}

// WriteJSON's deterministic mode drops wall times; the lines are otherwise
// AppendJSON's.
func TestWriteJSONDeterministic(t *testing.T) {
	evs := []Event{
		{Seq: 1, Time: 5, Wall: 7, Kind: KindOutput, In: 2, Value: "a<b>\u2028"},
		{Seq: 2, Kind: KindLoopRun, Wall: 9},
	}
	var b bytes.Buffer
	if err := WriteJSON(&b, evs, true); err != nil {
		t.Fatal(err)
	}
	want := "[\n" + `{"seq":1,"t":5,"kind":"output","in":2,"value":"a\u003cb\u003e\u2028"}` + ",\n" +
		`{"seq":2,"t":0,"kind":"loop.run"}` + "\n]\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	b.Reset()
	if err := WriteJSON(&b, evs, false); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `"wall":7`) || !strings.Contains(b.String(), `"wall":9`) {
		t.Errorf("wall times missing:\n%s", b.String())
	}
}

func FuzzEventJSON(f *testing.F) {
	for _, s := range trickyStrings {
		f.Add(uint64(1), int64(0), int64(0), s, uint64(0), s, uint64(0), uint64(0), "", s, int64(0), s, int64(0))
	}
	f.Add(^uint64(0), int64(-1<<63), int64(1<<63-1), "task.step", uint64(3), "Task-1", uint64(1), uint64(2),
		"result", "42", int64(time.Second), "main.go:12", int64(-5))
	f.Fuzz(func(t *testing.T, seq uint64, tm, wall int64, kind string, id uint64, name string, in, ref uint64,
		detail, value string, due int64, pos string, dur int64) {
		ev := Event{Seq: seq, Time: time.Duration(tm), Wall: time.Duration(wall), Kind: Kind(kind), ID: id,
			Name: name, In: in, Ref: ref, Detail: detail, Value: value, Due: time.Duration(due), Pos: pos,
			Dur: time.Duration(dur)}
		got := ev.AppendJSON([]byte("prefix"))
		if want := append([]byte("prefix"), reflectJSON(t, &ev)...); !bytes.Equal(got, want) {
			t.Errorf("\n got %q\nwant %q", got, want)
		}
	})
}

// trickyStrings seed the fuzzers: everything encoding/json escapes or
// replaces, at the start, middle and end of a string.
var trickyStrings = []string{
	"",
	"plain",
	`quote " and backslash \ and slash /`,
	"<script>&amp;</script>",
	"\x00\x01\x07\b\t\n\v\f\r\x1b\x1f \x7f",
	"line\u2028para\u2029end",
	"\u2028",
	"bad utf-8: \xff\xfe \xc3 \xe2\x82 \xed\xa0\x80 (surrogate) \xf4\x90\x80\x80 (too big)",
	"\xff",
	"overlong \xc0\xaf \xe0\x80\xaf",
	"emoji 😀 and é and 中文 and \uFFFD and \uFEFF",
	"\\u0041 is not an escape here",
	"trailing \xe2\x80",
}
