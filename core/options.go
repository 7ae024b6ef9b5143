package core

import (
	"io"
	"time"
)

// Option configures a Loop.
type Option func(*Loop)

// DefaultOptions, when set, gives options NewLoop applies before its own
// arguments: a runner uses it to trace every loop a program makes. It is
// read once per NewLoop; set it only while no loop is being created.
var DefaultOptions func() []Option

// VirtualClock makes the loop's time deterministic: it starts at 0 and, when
// nothing is ready, jumps straight to the next timer (like a test loop).
// It never jumps while blocking work (ToThread) is in flight.
func VirtualClock() Option { return func(l *Loop) { l.virtual = true } }

// RealClock uses the monotonic clock: sleeps take real time. It is the default.
func RealClock() Option { return func(l *Loop) { l.virtual = false } }

// WithTracer sends every event of the loop to t.
func WithTracer(t Tracer) Option { return func(l *Loop) { l.tracer = t } }

// WithPosFunc sets how the loop finds the program line that caused an event
// (only asked while tracing). The default walks the Go call stack to the first
// frame outside core; an interpreter supplies its own.
func WithPosFunc(f func() string) Option { return func(l *Loop) { l.posFunc = f } }

// WithFuncNames sets how the loop names the functions given to CallSoon,
// CallLater, CallAt and CallSoonThreadsafe in its trace (only asked while
// tracing; funcname.go). An interpreter, whose functions the Go runtime
// does not know, names its own; for a function it does not know it returns
// "" and the loop asks the runtime.
func WithFuncNames(name func(fn func()) string) Option { return func(l *Loop) { l.funcName = name } }

// WithDebug turns on debug mode: callbacks and task steps that take longer
// than slow are reported as diagnostics (asyncio's slow_callback_duration).
func WithDebug(slow time.Duration) Option {
	return func(l *Loop) { l.debug = true; l.slow = slow }
}

// WithBlockingSleep sets how BlockFor sleeps under the real clock
// (time.Sleep by default): a runner passes one that the end of its run cuts
// short.
func WithBlockingSleep(sleep func(d time.Duration)) Option {
	return func(l *Loop) { l.sleep = sleep }
}

// WithExceptionHandler sets the handler for errors nobody else can receive.
func WithExceptionHandler(h ExceptionHandler) Option { return func(l *Loop) { l.excHandler = h } }

// WithPanicUnwrap sets how the loop reads a value recovered from a panic
// in a callback, a task body or ToThread work, before it becomes a
// *PanicError's Value. An interpreter that wraps the values its program
// panics with (ixgo does) unwraps them here, so that errors.Is / errors.As
// through the *PanicError, and its text, are what compiled Go gives.
func WithPanicUnwrap(f func(recovered any) any) Option {
	return func(l *Loop) { l.unwrapPanic = f }
}

// WithStderr sets where the default exception handler writes (os.Stderr by default).
func WithStderr(w io.Writer) Option { return func(l *Loop) { l.stderr = w } }
