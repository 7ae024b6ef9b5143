package core

import (
	"context"
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestCancelMessageEveryRetrieval: core gives a cancelled task's message to
// every retrieval of its error, a deliberate difference from CPython (see
// doc.go), which gives it to the first only. The first line is CPython's.
func TestCancelMessageEveryRetrieval(t *testing.T) {
	msg := func(err error) string {
		var ce *CancelledError
		if !errors.As(err, &ce) {
			return "not cancelled: " + strconv.Quote(err.Error())
		}
		if ce.Msg == "" {
			return "no message"
		}
		return "'" + ce.Msg + "'"
	}
	var out lines
	_, err := runTest(t, func(ctx context.Context) (any, error) {
		task := RunningLoop(ctx).CreateTask("", func(ctx context.Context) (any, error) {
			return nil, Sleep(ctx, time.Second)
		})
		if err := Sleep(ctx, 0); err != nil {
			return nil, err
		}
		task.Cancel("shutting down")
		_, err := Await(ctx, task)
		out.add("await: %s", msg(err))
		_, err = task.Result()
		out.add("result: %s", msg(err))
		_, err = task.Result()
		out.add("result again: %s", msg(err))
		out.add("exception: %s", msg(task.Exception()))
		return nil, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	pin, err := os.ReadFile("testdata/asyncio/task_cancel_message_retrievals.out")
	if err != nil {
		t.Fatal(err)
	}
	if cpython := strings.SplitN(string(pin), "\n", 2)[0]; out[0] != cpython {
		t.Errorf("first retrieval: %s, CPython %s", out[0], cpython)
	}
	want := []string{"result: 'shutting down'", "result again: 'shutting down'", "exception: 'shutting down'"}
	for i, w := range want {
		if out[i+1] != w {
			t.Errorf("retrieval %d: %s, want %s", i+2, out[i+1], w)
		}
	}
}
