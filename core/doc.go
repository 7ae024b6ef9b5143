// Package core is asyncio's event loop, futures, coroutine tasks and
// synchronisation primitives, in Go.
//
// One Loop runs callbacks one at a time. Tasks are coroutines: a task body is
// an ordinary Go function that suspends at Await and Sleep and gives the loop
// back; nothing else runs concurrently with it. The ordering rules are
// CPython's (3.11):
//
//   - the ready queue is FIFO, and one iteration runs only the callbacks that
//     were ready when it began; callbacks scheduled meanwhile run next time;
//   - timers that are due join the ready queue after the callbacks already
//     there;
//   - Stop lets the current iteration finish; Stop before RunForever makes it
//     run exactly one iteration;
//   - done-callbacks are always scheduled with CallSoon, never called inline;
//   - cancelling a task that waits cancels what it waits on, and the
//     cancellation surfaces as an error from its Await;
//   - one loop runs per goroutine, as asyncio runs one per thread: a callback
//     or task body (a task's coroutine counts as its loop's goroutine) that
//     runs another loop gets ErrAnotherLoopRunning, and Run gets
//     ErrRunInRunningLoop. Blocking work given to ToThread runs on a
//     goroutine of its own, where a loop may run.
//
// Where asyncio leaves an order undefined, core picks one and keeps it:
//
//   - timers with equal deadlines fire in the order they were scheduled
//     (CPython's heap compares deadlines only, so its order for ties depends
//     on the heap's shape: three equal timers fire in scheduling order alone,
//     but as first, third, second when a later fourth timer shares the heap);
//   - CallSoonThreadsafe from another goroutine joins the ready queue the
//     next time the loop schedules a callback or starts an iteration, so its
//     place among the loop's own CallSoon calls depends on timing, as with
//     threads in asyncio; called from the loop's own goroutine it keeps call
//     order exactly as asyncio does;
//   - default task names count from Task-1 per loop, not per process, so a
//     program prints the same names however often it runs;
//   - a loop that has nothing left to run and nothing that could wake it
//     returns a *StuckError from RunForever / RunUntilComplete instead of
//     blocking forever (asyncio would hang).
//
// Misuse of a closed loop follows one rule, in Go's shape of asyncio's
// RuntimeError: every call that would schedule a callback on it (CallSoon,
// CallLater, CallAt, CallSoonThreadsafe, CreateTask, AddDoneCallback of a
// done future) panics with ErrLoopClosed, as it returns no error to check;
// every call that runs it (RunForever, RunUntilComplete, RunMain) returns
// ErrLoopClosed; Close again is harmless; CreateFuture still works, as in
// asyncio. A future completed after Close drops its done-callbacks, as Close
// drops every pending callback.
//
// Deliberate differences from asyncio, besides Go's shapes (errors for
// exceptions, a ctx for the running task):
//
//   - a TimeoutError keeps the cancellation it came from in its Cause field
//     but does not unwrap to it, so errors.Is(err, ErrCancelled) is false for
//     a timeout;
//   - a cancelled task's error carries the cancel message on every
//     retrieval: CPython gives the message to the first retrieval of a task
//     cancelled while it ran and a bare CancelledError to later ones, an
//     artefact of how it re-raises; a Go error value does not change when
//     read twice.
//
// The toolbox around the loop follows asyncio too: Gather, Wait, WaitFor,
// Timeout, Shield, AsCompleted and WithTaskGroup combine awaitables; Lock,
// Semaphore, BoundedSemaphore, AsyncEvent (named so because Event is the
// trace record), Condition, Barrier and Queue (also priority and LIFO)
// coordinate tasks, first come first served; ToThread runs blocking work on
// a goroutine and hands its result back to the loop. Queues keep one
// CPython quirk on purpose: a PutNowait/GetNowait may take the slot or item a
// woken task was woken for, and that task waits again.
//
// Time under the virtual (instant) clock skips what the loop spends
// waiting (nothing ready: it jumps to the next timer), never what it spends
// blocked. A blocking call on the loop's goroutine is modelled by
// Loop.BlockFor(d): the loop's time advances by d at once and the trace
// records a step.block event at the calling line, so timers due meanwhile
// fire late, exactly as after a real blocking call, only without the wait.
// The playground's runner (and `make run`) turn a program's time.Sleep inside
// a callback or task step into BlockFor; time.Sleep off the loop (ToThread
// work, goroutines) keeps its real meaning. A program compiled with go build
// calls the real time.Sleep: under the virtual clock it then takes real time
// and the loop's time does not move, so call BlockFor where a compiled
// program should show the cost. Under the real clock BlockFor sleeps.
//
// Everything a program calls is non-generic so that an interpreter can
// register it by reflection.
package core
