package core

import (
	"slices"
	"testing"
	"time"
)

func namedCallback() {}

type namer struct{}

func (*namer) ptr()  {}
func (namer) value() {}

// A traced loop names the functions it is given to call: their names as
// the program writes them; a function literal has none.
func TestCallbackNamesInTrace(t *testing.T) {
	var rec Recorder
	l := NewLoop(VirtualClock(), WithTracer(&rec))
	n := &namer{}
	l.CallSoon(namedCallback)
	l.CallSoon(n.ptr)
	l.CallLater(time.Second, n.value)
	l.CallAt(time.Second, func() {})
	l.CallSoonThreadsafe(namedCallback)
	l.CallLater(2*time.Second, l.Stop)
	if err := l.RunForever(); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, ev := range rec.Events {
		if ev.Kind == KindCbSchedule {
			got = append(got, ev.Name)
		}
	}
	want := []string{"namedCallback", "(*namer).ptr", "namer.value", "", "(*Loop).Stop", "namedCallback"}
	if !slices.Equal(got, want) {
		t.Fatalf("names %q, want %q", got, want)
	}
}

func TestShortFuncName(t *testing.T) {
	for full, want := range map[string]string{
		"main.handler": "handler",
		"github.com/loopscope/loopscope/core.(*Loop).Stop-fm": "(*Loop).Stop",
		"main.main.func1":                            "",
		"main.main.func1.main.2.3":                   "",
		"main.(*T).m.func2":                          "",
		"main.main-range1":                           "",
		"reflect.makeFuncStub":                       "",
		"example.com/a/b.Handler[...]":               "Handler[...]",
		"main.Handle[go.shape.struct { a/b.x int }]": "Handle[go.shape.struct { a/b.x int }]",
	} {
		if got := shortFuncName(full); got != want {
			t.Errorf("shortFuncName(%q) = %q, want %q", full, got, want)
		}
	}
}
