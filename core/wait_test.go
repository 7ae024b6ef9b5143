package core

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestWaitAllCompleted(t *testing.T) {
	combRun(t, "wait_all_completed", func(ctx context.Context, s *combScene) error {
		a, b, c := s.task("a", 200*ms, false), s.task("b", 100*ms, true), s.task("c", 300*ms, false)
		done, pending, err := Wait(ctx, []Awaitable{a, b, c}, AllCompleted)
		if err != nil {
			return err
		}
		s.at("done", names(done), "pending", names(pending))
		s.say("b:", b.Exception())
		return nil
	})
}

func TestWaitFirstCompleted(t *testing.T) {
	combRun(t, "wait_first_completed", func(ctx context.Context, s *combScene) error {
		a, b, c := s.task("a", 200*ms, false), s.task("b", 100*ms, false), s.task("c", 300*ms, false)
		done, pending, err := Wait(ctx, []Awaitable{a, b, c}, FirstCompleted)
		if err != nil {
			return err
		}
		s.at("done", names(done), "pending", names(pending))
		done, pending, err = Wait(ctx, pending, FirstCompleted)
		if err != nil {
			return err
		}
		s.at("done", names(done), "pending", names(pending))
		if err := Sleep(ctx, 200*ms); err != nil {
			return err
		}
		res, _ := c.Result()
		s.at("c done:", c.Done(), res)
		return nil
	})
}

func TestWaitFirstException(t *testing.T) {
	combRun(t, "wait_first_exception", func(ctx context.Context, s *combScene) error {
		a, b, c, d := s.task("a", 400*ms, false), s.task("b", 200*ms, true), s.task("c", 300*ms, false), s.task("d", time.Second, false)
		s.l.CallLater(100*ms, func() { d.Cancel("") })
		done, pending, err := Wait(ctx, []Awaitable{a, b, c, d}, FirstException)
		if err != nil {
			return err
		}
		s.at("done", names(done), "pending", names(pending))
		e, f := s.task("e", 100*ms, false), s.task("f", 200*ms, false)
		done, pending, err = Wait(ctx, []Awaitable{e, f}, FirstException)
		if err != nil {
			return err
		}
		s.at("done", names(done), "pending", names(pending))
		_, err = Await(ctx, a)
		return err
	})
}

func TestWaitTimeout(t *testing.T) {
	combRun(t, "wait_timeout", func(ctx context.Context, s *combScene) error {
		a, b := s.task("a", 100*ms, false), s.task("b", 500*ms, false)
		done, pending, err := WaitTimeout(ctx, []Awaitable{a, b}, AllCompleted, 300*ms)
		if err != nil {
			return err
		}
		s.at("done", names(done), "pending", names(pending))
		s.say("b cancelled?", b.Cancelled())
		if _, err := Await(ctx, b); err != nil {
			return err
		}
		res, _ := b.Result()
		s.at("b:", res)
		done, pending, err = WaitTimeout(ctx, []Awaitable{a, b}, AllCompleted, 300*ms)
		if err != nil {
			return err
		}
		s.at("all done already:", len(done), len(pending))
		c := s.task("c", time.Second, false)
		done, pending, err = WaitTimeout(ctx, []Awaitable{c}, AllCompleted, 0)
		if err != nil {
			return err
		}
		s.at("timeout 0:", len(done), len(pending))
		c.Cancel("")
		return nil
	})
}

func TestWaitCancelCaller(t *testing.T) {
	combRun(t, "wait_cancel_caller", func(ctx context.Context, s *combScene) error {
		a := s.task("a", 500*ms, false)
		w := s.l.CreateTask("waiter", func(ctx context.Context) (any, error) {
			_, _, err := Wait(ctx, []Awaitable{a}, AllCompleted)
			if errors.Is(err, ErrCancelled) {
				s.at("waiter cancelled")
			}
			return nil, err
		})
		if err := Sleep(ctx, 100*ms); err != nil {
			return err
		}
		w.Cancel("")
		for range 2 {
			if err := Sleep(ctx, 0); err != nil {
				return err
			}
		}
		s.at("a cancelled?", a.Cancelled())
		if _, err := Await(ctx, a); err != nil {
			return err
		}
		if _, _, err := Wait(ctx, nil, AllCompleted); err != nil {
			s.say("empty:", "ValueError")
		}
		return nil
	})
}

func TestWaitMisuse(t *testing.T) {
	_, err := Run(func(ctx context.Context) (any, error) {
		f := CurrentTask(ctx).Loop().CreateFuture("f")
		if _, _, err := Wait(ctx, []Awaitable{f}, ReturnWhen(7)); err == nil {
			t.Error("an invalid ReturnWhen was accepted")
		}
		if _, _, err := Wait(ctx, []Awaitable{f, nil}, AllCompleted); err == nil {
			t.Error("a nil awaitable was accepted")
		}
		if _, _, err := Wait(context.Background(), []Awaitable{f}, AllCompleted); !errors.Is(err, ErrNotInTask) {
			t.Errorf("outside a task: %v", err)
		}
		// A repeated awaitable is listed once, in argument order.
		g := CurrentTask(ctx).Loop().CreateFuture("g")
		f.SetResult(1)
		g.SetResult(2)
		done, pending, err := Wait(ctx, []Awaitable{g, f, g}, AllCompleted)
		if err != nil || len(pending) != 0 || len(done) != 2 || done[0] != g || done[1] != f {
			t.Errorf("dedupe: done=%v pending=%v err=%v", done, pending, err)
		}
		return nil, nil
	}, VirtualClock())
	if err != nil {
		t.Fatal(err)
	}
	if FirstException.String() != "FIRST_EXCEPTION" || ReturnWhen(9).String() != "ReturnWhen(9)" {
		t.Fatal("ReturnWhen names")
	}
}
