package core

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestAsCompletedOrder(t *testing.T) {
	combRun(t, "ascompleted_order", func(ctx context.Context, s *combScene) error {
		ts := []Awaitable{s.task("a", 300*ms, false), s.task("b", 200*ms, true), s.task("c", 100*ms, false), s.task("d", 400*ms, false)}
		c, err := AsCompleted(ts)
		if err != nil {
			return err
		}
		for c.More() {
			r, err := c.Next(ctx)
			if err != nil {
				s.at("next raised", err)
				continue
			}
			s.at("next:", r)
		}
		return nil
	})
}

func TestAsCompletedTimeout(t *testing.T) {
	combRun(t, "ascompleted_timeout", func(ctx context.Context, s *combScene) error {
		ts := []Awaitable{s.task("a", 100*ms, false), s.task("b", 500*ms, false), s.task("c", 200*ms, false)}
		c, err := AsCompletedTimeout(ts, 300*ms)
		if err != nil {
			return err
		}
		for range c.Len() {
			r, err := c.Next(ctx)
			if errors.Is(err, ErrTimeout) {
				s.at("next: TimeoutError")
				continue
			}
			s.at("next:", r)
		}
		s.say("b cancelled?", ts[1].future().Cancelled())
		_, err = Await(ctx, ts[1])
		return err
	})
}

func TestAsCompletedMisuse(t *testing.T) {
	_, err := Run(func(ctx context.Context) (any, error) {
		empty, err := AsCompleted(nil)
		if err != nil || empty.More() || empty.Len() != 0 {
			t.Errorf("empty: %v %v", empty, err)
		}
		f := CurrentTask(ctx).Loop().CreateFuture("f")
		f.SetResult(1)
		c, err := AsCompleted([]Awaitable{f, f})
		if err != nil || c.Len() != 1 {
			t.Fatalf("dedupe: %v %v", c, err)
		}
		if r, err := c.Next(ctx); r != 1 || err != nil {
			t.Errorf("next: %v %v", r, err)
		}
		if _, err := c.Next(ctx); err == nil || !strings.Contains(err.Error(), "already taken") {
			t.Errorf("past the end: %v", err)
		}
		if _, err := AsCompleted([]Awaitable{nil}); err == nil {
			t.Error("nil accepted")
		}
		return nil, nil
	}, VirtualClock())
	if err != nil {
		t.Fatal(err)
	}
}
