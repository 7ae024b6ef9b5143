//go:build !loopscope_noframesite

package runner

import (
	"slices"
	"testing"

	"github.com/goplus/ixgo"
)

// framePC must be the pc CallerFrames reports for the frame itself, or
// positions would cache one line under another's pc; and it must work with
// the ixgo we pin, or every event takes the slow way.
func TestFramePCMatchesCallerFrames(t *testing.T) {
	if !frameFields.ok {
		t.Fatal("ixgo's frame fields were not found: source positions are not cached")
	}
	ctx := ixgo.NewContext(0)
	var got, want []uintptr
	ctx.RegisterExternal("main.probe", func(fr *ixgo.Frame) {
		pc, ok := framePC(fr)
		if !ok {
			t.Error("framePC failed on a live frame")
		}
		got = append(got, pc)
		want = append(want, fr.CallerFrames()[0].PC)
	})
	src := `package main

func probe()

func main() {
	probe()
	for i := 0; i < 2; i++ {
		probe()
	}
	func() { probe() }()
}
`
	if _, err := ctx.RunFile("main.go", src, nil); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("framePC gave %v, CallerFrames %v", got, want)
	}
	if len(got) != 4 || got[1] != got[2] || got[0] == got[1] || got[3] == got[0] || got[3] == got[1] {
		t.Fatalf("pcs %v: want one per call site, the loop's twice", got)
	}
}
