package core

import "context"

// Run is asyncio.run: it makes a loop, runs main as a task until it is done,
// cancels the tasks still left (letting their cleanup run), closes the loop
// and returns main's result.
//
// Called from a callback or task of a running loop it returns
// ErrRunInRunningLoop and makes no loop: a task awaits other work instead.
func Run(main func(ctx context.Context) (any, error), opts ...Option) (any, error) {
	if insideRunningLoop() {
		return nil, ErrRunInRunningLoop
	}
	l := NewLoop(opts...)
	return l.RunMain(main)
}

// RunMain is Run on an existing loop, for callers that need the loop first
// (to print from callbacks, say). The loop is closed afterwards.
func (l *Loop) RunMain(main func(ctx context.Context) (any, error)) (any, error) {
	switch err := l.checkRunnable(); err {
	case nil:
	case ErrAnotherLoopRunning:
		return nil, ErrRunInRunningLoop
	default:
		return nil, err
	}
	t := l.CreateTask("", main)
	res, err := l.RunUntilComplete(t)
	if cerr := l.cancelAllTasks(); err == nil && cerr != nil {
		err = cerr
	}
	l.Close()
	return res, err
}

// cancelAllTasks cancels every unfinished task, in creation order, and runs
// the loop until they are all done (asyncio.runners._cancel_all_tasks).
func (l *Loop) cancelAllTasks() error {
	tasks := l.AllTasks()
	if len(tasks) == 0 {
		return nil
	}
	for _, t := range tasks {
		if l.tracer != nil {
			l.noteShutdown(t)
		}
		t.Cancel("")
	}
	all := l.newFuture("shutdown")
	left := len(tasks)
	for _, t := range tasks {
		t.addCallback(siteShutdown, func(*Future) {
			left--
			if left == 0 {
				all.SetResult(nil)
			}
		})
	}
	_, err := l.RunUntilComplete(all)
	for _, t := range tasks {
		if t.state == stateException {
			l.CallExceptionHandler(ExceptionContext{
				Message: "unhandled error during Run() shutdown",
				Err:     t.Exception(),
				Task:    t,
			})
		}
	}
	return err
}
