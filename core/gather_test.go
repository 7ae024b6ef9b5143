package core

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"
)

// combScene runs a combinator scenario on a virtual-clock loop and records
// what it prints in the same words as the Python twin in testdata/asyncio.
type combScene struct {
	l   *Loop
	out lines
}

const ms = time.Millisecond

func combRun(t *testing.T, name string, main func(ctx context.Context, s *combScene) error) {
	t.Helper()
	s := &combScene{l: NewLoop(VirtualClock())}
	if _, err := s.l.RunMain(func(ctx context.Context) (any, error) { return nil, main(ctx, s) }); err != nil {
		t.Fatalf("%s: main failed: %v", name, err)
	}
	pinned(t, name, s.out)
}

// say prints like Python's print: arguments joined by spaces, bools as
// True/False.
func (s *combScene) say(parts ...any) {
	strs := make([]string, len(parts))
	for i, p := range parts {
		switch v := p.(type) {
		case bool:
			if v {
				strs[i] = "True"
			} else {
				strs[i] = "False"
			}
		case error:
			strs[i] = combDesc(v)
		default:
			strs[i] = fmt.Sprint(v)
		}
	}
	s.out = append(s.out, strings.Join(strs, " "))
}

// at prints with the loop time in front, like now() in the Python twins.
func (s *combScene) at(parts ...any) {
	s.say(append([]any{fmt.Sprintf("%.1f", s.l.Time().Seconds())}, parts...)...)
}

// work is the Python twins' work(name, d, fail).
func (s *combScene) work(name string, d time.Duration, fail bool) func(ctx context.Context) (any, error) {
	return func(ctx context.Context) (any, error) {
		if err := Sleep(ctx, d); err != nil {
			s.at(name, "cancelled")
			return nil, err
		}
		if fail {
			s.at(name, "fails")
			return nil, valueError(name)
		}
		s.at(name, "done")
		return name, nil
	}
}

func (s *combScene) task(name string, d time.Duration, fail bool) *Task {
	return s.l.CreateTask(name, s.work(name, d, fail))
}

type valueError string

func (e valueError) Error() string { return string(e) }

type keyError string

func (e keyError) Error() string { return string(e) }

// combDesc is the Python twins' desc(e).
func combDesc(err error) string {
	var ge *TaskGroupError
	var te *TimeoutError
	var ce *CancelledError
	var ve valueError
	var ke keyError
	switch {
	case errors.As(err, &ge):
		parts := make([]string, len(ge.Errs))
		for i, e := range ge.Errs {
			parts[i] = combDesc(e)
		}
		return "ExceptionGroup(" + strings.Join(parts, ", ") + ")"
	case errors.As(err, &te):
		return "TimeoutError"
	case errors.As(err, &ce):
		if ce.Msg == "" {
			return "CancelledError"
		}
		return "CancelledError: " + ce.Msg
	case errors.As(err, &ve):
		return "ValueError: " + string(ve)
	case errors.As(err, &ke):
		return "KeyError: '" + string(ke) + "'"
	}
	return err.Error()
}

// pyList prints a slice of results as Python prints a list of strings.
func pyList(vals []any) string {
	parts := make([]string, len(vals))
	for i, v := range vals {
		if err, ok := v.(error); ok {
			v = combDesc(err)
		}
		parts[i] = "'" + fmt.Sprint(v) + "'"
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// names prints the sorted names of awaitables as Python prints a list.
func names(aws []Awaitable) string {
	ns := make([]any, len(aws))
	for i, aw := range aws {
		ns[i] = aw.future().Name()
	}
	sort.Slice(ns, func(i, j int) bool { return ns[i].(string) < ns[j].(string) })
	return pyList(ns)
}

func TestGatherOrder(t *testing.T) {
	combRun(t, "gather_order", func(ctx context.Context, s *combScene) error {
		a, b, c := s.task("a", 300*ms, false), s.task("b", 100*ms, false), s.task("c", 200*ms, false)
		res, err := Gather(ctx, a, b, c)
		if err != nil {
			return err
		}
		s.at("gathered", pyList(res))
		return nil
	})
}

func TestGatherError(t *testing.T) {
	combRun(t, "gather_error", func(ctx context.Context, s *combScene) error {
		a, b, c := s.task("a", 300*ms, false), s.task("b", 100*ms, true), s.task("c", 200*ms, true)
		if _, err := Gather(ctx, a, b, c); err != nil {
			s.at("gather raised", err)
		}
		s.say("a done?", a.Done(), "c done?", c.Done())
		if err := Sleep(ctx, 500*ms); err != nil {
			return err
		}
		res, _ := a.Result()
		s.at("a:", res, "c:", c.Exception())
		return nil
	})
}

func TestGatherReturnErrors(t *testing.T) {
	combRun(t, "gather_return_errors", func(ctx context.Context, s *combScene) error {
		a, b, c := s.task("a", 100*ms, false), s.task("b", 200*ms, true), s.task("c", 500*ms, false)
		s.l.CallLater(300*ms, func() { c.Cancel("") })
		res, err := GatherReturnErrors(ctx, a, b, c)
		if err != nil {
			return err
		}
		s.at(pyList(res))
		return nil
	})
}

func TestGatherCancelCaller(t *testing.T) {
	combRun(t, "gather_cancel_caller", func(ctx context.Context, s *combScene) error {
		a, b, c := s.task("a", 100*ms, false), s.task("b", time.Second, false), s.task("c", 2*time.Second, false)
		w := s.l.CreateTask("waiter", func(ctx context.Context) (any, error) {
			res, err := Gather(ctx, a, b, c)
			if errors.Is(err, ErrCancelled) {
				s.at("waiter sees CancelledError")
			}
			return res, err
		})
		if err := Sleep(ctx, 500*ms); err != nil {
			return err
		}
		s.at("cancel waiter:", w.Cancel(""))
		if _, err := Await(ctx, w); errors.Is(err, ErrCancelled) {
			s.at("waiter cancelled:", w.Cancelled())
		}
		res, _ := a.Result()
		s.say("a:", res, "b cancelled:", b.Cancelled(), "c cancelled:", c.Cancelled())
		return nil
	})
}

func TestGatherCancelFuture(t *testing.T) {
	combRun(t, "gather_cancel_future", func(ctx context.Context, s *combScene) error {
		a, b := s.task("a", time.Second, false), s.task("b", 2*time.Second, false)
		g, err := s.l.Gather(false, a, b)
		if err != nil {
			return err
		}
		if err := Sleep(ctx, 100*ms); err != nil {
			return err
		}
		s.at("cancel:", g.Cancel(""))
		s.say("done right after cancel?", g.Done())
		if _, err := Await(ctx, g); errors.Is(err, ErrCancelled) {
			s.at("await gather:", err)
		}
		s.say("gather cancelled?", g.Cancelled(), "a cancelled?", a.Cancelled(), "b cancelled?", b.Cancelled())
		s.say("cancel again:", g.Cancel(""))
		g2, err := s.l.Gather(true, s.task("x", time.Second, false))
		if err != nil {
			return err
		}
		if err := Sleep(ctx, 0); err != nil {
			return err
		}
		g2.Cancel("")
		if _, err := Await(ctx, g2); errors.Is(err, ErrCancelled) {
			s.at("return_exceptions gather still raises CancelledError")
		}
		return nil
	})
}

func TestGatherChildCancelled(t *testing.T) {
	combRun(t, "gather_child_cancelled", func(ctx context.Context, s *combScene) error {
		a, b := s.task("a", 300*ms, false), s.task("b", time.Second, false)
		s.l.CallLater(100*ms, func() { b.Cancel("") })
		g, err := s.l.Gather(false, a, b)
		if err != nil {
			return err
		}
		if _, err := Await(ctx, g); errors.Is(err, ErrCancelled) {
			s.at("caller got CancelledError; gather cancelled?", g.Cancelled())
		}
		s.say("main task cancelling:", CurrentTask(ctx).Cancelling())
		s.at("a still running?", !a.Done())
		if _, err := Await(ctx, a); err != nil {
			return err
		}
		res, _ := a.Result()
		s.at("a:", res)
		return nil
	})
}

func TestGatherEmptyAndDone(t *testing.T) {
	combRun(t, "gather_empty_and_done", func(ctx context.Context, s *combScene) error {
		other := func(ctx context.Context) (any, error) {
			for i := range 3 {
				s.say("other", i)
				if err := Sleep(ctx, 0); err != nil {
					return nil, err
				}
			}
			return nil, nil
		}
		s.l.CreateTask("", other)
		res, err := Gather(ctx)
		if err != nil {
			return err
		}
		s.say("empty:", pyList(res))
		tk := s.task("t", 0, false)
		if err := Sleep(ctx, 100*ms); err != nil {
			return err
		}
		s.say("t done:", tk.Done())
		o2 := s.l.CreateTask("", other)
		res, err = Gather(ctx, tk, tk)
		if err != nil {
			return err
		}
		s.say("gathered:", pyList(res))
		_, err = Await(ctx, o2)
		return err
	})
}

func TestGatherDuplicates(t *testing.T) {
	combRun(t, "gather_duplicates", func(ctx context.Context, s *combScene) error {
		a, b := s.task("a", 100*ms, false), s.task("b", 200*ms, false)
		res, err := Gather(ctx, a, b, a)
		if err != nil {
			return err
		}
		s.at(pyList(res))
		return nil
	})
}

func TestGatherMisuse(t *testing.T) {
	l := NewLoop(VirtualClock())
	other := NewLoop(VirtualClock())
	f := other.CreateFuture("elsewhere")
	if _, err := l.Gather(false, f); !errors.Is(err, ErrForeignLoop) {
		t.Fatalf("foreign future: %v", err)
	}
	var nilTask *Task
	if _, err := l.Gather(false, l.CreateFuture(""), nilTask); err == nil || !strings.Contains(err.Error(), "awaitable 1 is nil") {
		t.Fatalf("nil task: %v", err)
	}
	if _, err := Gather(context.Background(), f); !errors.Is(err, ErrNotInTask) {
		t.Fatalf("outside a task: %v", err)
	}
	l.Close()
	if _, err := l.Gather(false); !errors.Is(err, ErrLoopClosed) {
		t.Fatalf("closed loop: %v", err)
	}
}

func TestCombinatorHops(t *testing.T) {
	combRun(t, "gather_hops_interleave", func(ctx context.Context, s *combScene) error {
		stop := false
		ticker := func(ctx context.Context) (any, error) {
			for i := 0; !stop; i++ {
				s.say("tick", i)
				if err := Sleep(ctx, 0); err != nil {
					return nil, err
				}
			}
			return nil, nil
		}
		val := func(v int) func(context.Context) (any, error) {
			return func(context.Context) (any, error) { return v, nil }
		}
		ints := func(vs []any) string { return strings.ReplaceAll(fmt.Sprint(vs), " ", ", ") }
		t1, t2 := s.l.CreateTask("t1", val(1)), s.l.CreateTask("t2", val(2))
		if err := Sleep(ctx, 0); err != nil {
			return err
		}
		tk := s.l.CreateTask("", ticker)
		r, err := Gather(ctx, t1, t2)
		if err != nil {
			return err
		}
		s.say("gather:", ints(r))
		d, p, err := Wait(ctx, []Awaitable{t1, t2}, AllCompleted)
		if err != nil {
			return err
		}
		s.say("wait:", len(d), len(p))
		v, err := WaitFor(ctx, t1, time.Second)
		if err != nil {
			return err
		}
		s.say("wait_for done:", v)
		f := s.l.CreateFuture("")
		s.l.CallSoon(func() { f.SetResult("f") })
		if v, err = Await(ctx, Shield(f)); err != nil {
			return err
		}
		s.say("shield:", v)
		c, err := AsCompleted([]Awaitable{t1, t2})
		if err != nil {
			return err
		}
		var res []any
		for c.More() {
			v, err := c.Next(ctx)
			if err != nil {
				return err
			}
			res = append(res, v)
		}
		s.say("as_completed:", ints(res))
		if v, err = WaitFor(ctx, s.l.CreateTask("", val(3)), time.Second); err != nil {
			return err
		}
		s.say("wait_for pending:", v)
		var t4 *Task
		if err := WithTaskGroup(ctx, func(ctx context.Context, tg *TaskGroup) error {
			t4, _ = tg.CreateTask("", val(4))
			return nil
		}); err != nil {
			return err
		}
		v, _ = t4.Result()
		s.say("taskgroup:", v)
		if _, err := Timeout(ctx, time.Second, func(ctx context.Context) (any, error) { return nil, Sleep(ctx, 0) }); err != nil {
			return err
		}
		s.say("timeout block done")
		if err := WithTaskGroup(ctx, func(context.Context, *TaskGroup) error { return nil }); err != nil {
			return err
		}
		s.say("empty taskgroup")
		stop = true
		_, err = Await(ctx, tk)
		return err
	})
}

func TestGatherNestedCancel(t *testing.T) {
	combRun(t, "gather_nested_cancel", func(ctx context.Context, s *combScene) error {
		a, b, c := s.task("a", 100*ms, false), s.task("b", time.Second, false), s.task("c", time.Second, false)
		innerDone, _ := s.l.Gather(false, a)
		inner, _ := s.l.Gather(false, b, c)
		outer, _ := s.l.Gather(false, innerDone, inner)
		if err := Sleep(ctx, 200*ms); err != nil {
			return err
		}
		s.at("inner_done done:", innerDone.Done())
		s.at("cancel outer:", outer.Cancel(""))
		if _, err := Await(ctx, outer); errors.Is(err, ErrCancelled) {
			s.at("outer raised CancelledError")
		}
		r, _ := innerDone.Result()
		s.say("b", b.Cancelled(), "c", c.Cancelled(), "inner_done result", pyList(r.([]any)))
		return nil
	})
}

// After a gather has failed, the errors of children that fail later count
// as retrieved (asyncio reads them in its done-callback), so closing the
// loop reports nothing; an error nobody looked at is still reported.
func TestGatherMarksLaterErrorsRetrieved(t *testing.T) {
	var reports []string
	l := NewLoop(VirtualClock(), WithExceptionHandler(func(_ *Loop, c ExceptionContext) {
		reports = append(reports, c.Message)
	}))
	fail := func(d time.Duration, msg string) func(context.Context) (any, error) {
		return func(ctx context.Context) (any, error) {
			Sleep(ctx, d)
			return nil, errors.New(msg)
		}
	}
	_, err := l.RunMain(func(ctx context.Context) (any, error) {
		a := l.CreateTask("a", fail(100*ms, "first"))
		b := l.CreateTask("b", fail(200*ms, "second"))
		if _, err := Gather(ctx, a, b); err == nil || err.Error() != "first" {
			t.Errorf("gather: %v", err)
		}
		l.CreateTask("orphan", fail(0, "nobody looks"))
		return nil, Sleep(ctx, time.Second)
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(reports) != 1 || !strings.Contains(reports[0], `"orphan"`) {
		t.Fatalf("reports: %q", reports)
	}
}
