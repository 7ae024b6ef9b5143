package runner

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/loopscope/loopscope/core"
)

const loopStateDir = "../../web/test/unit/fixtures/loopstate"

// loopStateFixture is what web/test/unit/loop-state.test.ts reads: a run's
// trace and the loop's real state (core's Snapshot) after each event,
// listed only where it changed.
type loopStateFixture struct {
	Example string       `json:"example"`
	Events  []core.Event `json:"events"`
	States  []seqState   `json:"states"`
}

type seqState struct {
	Seq   uint64         `json:"seq"`
	State core.LoopState `json:"state"`
}

// TestLoopStateInterpreted runs every example and records what its loop
// held at every event, for the page's reconstruction of that state from the
// trace alone to be checked against (node unit test). The fixtures follow
// the golden files: UPDATE_GOLDEN=1 rewrites both.
func TestLoopStateInterpreted(t *testing.T) {
	for _, name := range exampleNames(t) {
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join(examplesDir, name, "main.go"))
			if err != nil {
				t.Fatal(err)
			}
			var states []seqState
			var last core.LoopState
			eventHook = func(l *core.Loop, ev *core.Event) {
				s := l.Snapshot()
				if len(states) == 0 || !reflect.DeepEqual(s, last) {
					states = append(states, seqState{Seq: ev.Seq, State: s})
					last = s
				}
			}
			defer func() { eventHook = nil }()
			r := Run(context.Background(), Request{Source: string(src)})
			eventHook = nil
			fx := loopStateFixture{Example: name, Events: r.Events, States: states}
			for i := range fx.Events {
				fx.Events[i].Wall = 0
			}
			pretty, err := fx.marshal()
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(loopStateDir, name+".json")
			if os.Getenv("UPDATE_GOLDEN") != "" {
				if err := os.MkdirAll(loopStateDir, 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, pretty, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with UPDATE_GOLDEN=1 to create it)", err)
			}
			if !bytes.Equal(want, pretty) {
				t.Errorf("%s is stale (UPDATE_GOLDEN=1 rewrites it):\n%s", path, firstDiff(string(want), string(pretty)))
			}
		})
	}
}

// marshal writes one event or state a line: small, and diffs read well.
func (fx *loopStateFixture) marshal() ([]byte, error) {
	var b bytes.Buffer
	name, _ := json.Marshal(fx.Example)
	b.WriteString(`{"example": `)
	b.Write(name)
	b.WriteString(",\n\"events\": [\n")
	for i := range fx.Events {
		line, err := json.Marshal(&fx.Events[i])
		if err != nil {
			return nil, err
		}
		b.Write(line)
		if i < len(fx.Events)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("],\n\"states\": [\n")
	for i := range fx.States {
		line, err := json.Marshal(&fx.States[i])
		if err != nil {
			return nil, err
		}
		b.Write(line)
		if i < len(fx.States)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("]}\n")
	return b.Bytes(), nil
}
