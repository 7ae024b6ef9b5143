package core

import (
	"context"
	"errors"
	"testing"
)

func TestShieldCallerCancelled(t *testing.T) {
	combRun(t, "shield_caller_cancelled", func(ctx context.Context, s *combScene) error {
		inner := s.task("inner", 500*ms, false)
		c := s.l.CreateTask("caller", func(ctx context.Context) (any, error) {
			r, err := Await(ctx, Shield(inner))
			if errors.Is(err, ErrCancelled) {
				s.at("caller cancelled")
			}
			return r, err
		})
		if err := Sleep(ctx, 100*ms); err != nil {
			return err
		}
		c.Cancel("")
		Await(ctx, c)
		s.at("inner still running:", !inner.Done())
		r, err := Await(ctx, inner)
		if err != nil {
			return err
		}
		s.at("inner result:", r)
		s.say("shield of a done task is the task:", Shield(inner) == Awaitable(inner))
		return nil
	})
}

func TestShieldInnerCancelled(t *testing.T) {
	combRun(t, "shield_inner_cancelled", func(ctx context.Context, s *combScene) error {
		inner := s.task("inner", 500*ms, false)
		s.l.CallLater(100*ms, func() { inner.Cancel("") })
		if _, err := Await(ctx, Shield(inner)); errors.Is(err, ErrCancelled) {
			s.at("awaiting the shield: CancelledError")
		}
		bad := s.task("bad", 100*ms, true)
		if _, err := Await(ctx, Shield(bad)); errors.As(err, new(valueError)) {
			s.at("error through the shield:", err)
		}
		return nil
	})
}

func TestShieldNilPanics(t *testing.T) {
	defer func() {
		if r := recover(); r != ErrNilCallback {
			t.Fatalf("Shield(nil) recovered %v", r)
		}
	}()
	Shield(nil)
}
