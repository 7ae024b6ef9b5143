# The Loopscope event loop for Python: asyncio's BaseEventLoop with a clock
# of our choosing and a trace of everything it schedules and runs.
#
# Only _run_once is rewritten (CPython's, with the trace woven in and no I/O
# to poll: the program has no sockets here). Instant clock: when nothing is
# ready, time jumps to the next timer. Real clock: the loop sleeps until it.
# Either way, nothing ready and no timer means nothing can ever run again:
# CPython would block in select() forever; this loop reports who waits on
# what and raises Deadlock out of run_forever().
import asyncio
import collections
import heapq
import sys
import time
from asyncio import base_events, events

from . import lost, prims, trace
from .tasks import TracedFuture, TracedTask, name_of, kind_word, slow_step, text_of

class Deadlock(BaseException):
    """Nothing can ever run again (CPython would hang). A BaseException,
    like the KeyboardInterrupt a learner would press to end the hang."""


# Where a future is created names it: the asyncio function that made it.
def _future_name(frame):
    code = frame.f_code
    loc = frame.f_locals
    fn = code.co_name
    mod = frame.f_globals.get("__name__", "")
    if mod == "asyncio.tasks":
        if fn == "sleep":
            from .tasks import seconds
            return "sleep " + seconds(int(loc.get("delay", 0) * 1e9))
        if fn == "_wait":
            fs = loc.get("fs") or ()
            return "wait %s(%s)" % (loc.get("return_when", ""), ", ".join(name_of(f) for f in fs))
        if fn == "wait_for":
            return "wait_for(%s)" % name_of(loc.get("fut"))
        if fn == "gather":
            return "gather()"
        return fn
    if mod in ("asyncio.locks", "asyncio.queues"):
        prim = loc.get("self")
        from .prims import label
        return label(prim) if prim is not None else fn
    if mod == "asyncio.taskgroups":
        return "TaskGroup"
    return ""


class LoopscopeLoop(base_events.BaseEventLoop):
    def __init__(self, clock=None):
        super().__init__()
        tr = trace.tracer()
        self._ls_clock = clock or (tr.clock if tr is not None else "virtual")
        self._ls_vnow = 0  # ns, instant clock
        self._ls_t0 = time.monotonic()
        self._ls_timer_kind = None
        if self._ls_clock == "virtual":
            self._clock_resolution = 1e-9
        if tr is not None:
            tr.loop = self
            tr.loops.append(self)

    # The clock.
    def time(self):
        if self._ls_clock == "virtual":
            return self._ls_vnow / 1e9
        return time.monotonic()

    def _ls_now_ns(self):
        if self._ls_clock == "virtual":
            return self._ls_vnow
        return int((time.monotonic() - self._ls_t0) * 1e9)

    def _ls_block(self, seconds):
        """A blocking call (time.sleep) on the loop: the instant clock charges
        its duration at once; the real clock waits it out."""
        if self._ls_clock == "virtual":
            self._ls_vnow += max(0, int(seconds * 1e9))
        else:
            trace.real_sleep(seconds)

    # No I/O here: the loop has nothing to poll and nothing to wake it.
    def _process_events(self, event_list):
        pass

    def _write_to_self(self):
        pass

    def create_future(self):
        f = sys._getframe(1)
        fut = TracedFuture(loop=self, name=_future_name(f) or None)
        if f.f_globals.get("__name__") in ("asyncio.locks", "asyncio.queues"):
            prims.on_waiter(f, fut)
        return fut

    def run_in_executor(self, executor, func, *args):
        # No threads in the browser's Python: the function runs now, on the
        # loop, as a blocking call would (its time.sleep is charged).
        self._check_closed()
        fut = self.create_future()
        try:
            fut.set_result(func(*args))
        except (SystemExit, KeyboardInterrupt, trace.LimitReached, Deadlock):
            raise
        except BaseException as e:
            fut.set_exception(e)
        return fut

    # Scheduling, traced.
    def _call_soon(self, callback, args, context):
        handle = TracedHandle(callback, args, self, context)
        if handle._source_traceback:
            del handle._source_traceback[-1]
        self._ready.append(handle)
        tr = trace.tracer()
        if tr is not None:
            done_of = getattr(tr, "done_of", None)
            kind = _kind_of(callback, "soon")
            if kind == "soon" and done_of is not None and args and args[0] is done_of:
                kind = "done-callback"
            handle._ls_kind = kind
            if kind in ("soon", "done-callback", "threadsafe"):
                handle._ls_id = tr.new_id()
                ref = done_of._ls_id if kind == "done-callback" else 0
                tr.emit("cb.schedule", id=handle._ls_id, name=_cb_name(callback), ref=ref, detail=kind)
            elif kind == "internal":
                # asyncio's own done-callbacks (gather's, wait's, ...) join
                # the ready queue as core's internal handles do.
                handle._ls_site = _site_of(callback)
                handle._ls_ref = _done_ref(args, done_of)
                tr.emit("internal.schedule", name=handle._ls_site, ref=handle._ls_ref)
            elif _unwrap(callback).__name__ == "_Task__wakeup":
                # What the task awaited is done: its next step is ready.
                task = _unwrap(callback).__self__
                tr.emit("task.wake", id=task._ls_id, name=task.get_name(), ref=_done_ref(args, done_of))
        return handle

    def call_soon_threadsafe(self, callback, *args, context=None):
        h = self.call_soon(callback, *args, context=context)
        return h

    def call_later(self, delay, callback, *args, context=None):
        self._ls_timer_kind = "later"
        try:
            return super().call_later(delay, callback, *args, context=context)
        finally:
            self._ls_timer_kind = None

    def call_at(self, when, callback, *args, context=None):
        kind = self._ls_timer_kind or "at"
        self._ls_timer_kind = None
        self._check_closed()
        if self._debug:
            self._check_thread()
            self._check_callback(callback, "call_at")
        h = TracedTimerHandle(when, callback, args, self, context)
        if h._source_traceback:
            del h._source_traceback[-1]
        heapq.heappush(self._scheduled, h)
        h._scheduled = True
        tr = trace.tracer()
        if tr is not None:
            internal = _kind_of(callback, kind) != kind
            h._ls_kind = "timer" if internal else kind
            h._ls_id = tr.new_id()
            name = _cb_name(callback)
            if callback is asyncio.futures._set_result_unless_cancelled and args:
                name = getattr(args[0], "_ls_name", "")
            h._ls_due = self._ls_due_ns(when)
            tr.emit("cb.schedule", id=h._ls_id, name=name, detail=h._ls_kind, due=h._ls_due)
        return h

    def _ls_due_ns(self, when):
        if self._ls_clock == "virtual":
            return max(0, round(when * 1e9))
        return max(0, int((when - self._ls_t0) * 1e9))

    def _timer_handle_cancelled(self, handle):
        super()._timer_handle_cancelled(handle)

    def stop(self):
        tr = trace.tracer()
        if tr is not None:
            tr.emit("loop.stop")
        super().stop()

    def close(self):
        was_closed = self._closed
        if not was_closed and not self.is_running() and trace is not None and trace.tracer is not None:
            lost.report(self)
        super().close()
        if trace is None or trace.tracer is None:
            return  # interpreter shutdown: module globals are gone
        tr = trace.tracer()
        if tr is not None and not was_closed and not self.is_running():
            tr.emit("loop.close")

    def run_forever(self):
        tr = trace.tracer()
        if tr is not None:
            self._check_closed()
            self._check_running()
            tr.loop = self
            tr.emit("loop.run")
        why = ""
        try:
            super().run_forever()
        except Deadlock as e:
            why = str(e)
            raise
        finally:
            if tr is not None and tr.stopped is None:
                tr.emit("loop.exit", detail=why)

    def run_until_complete(self, future):
        # CPython's, with core's loop.fail when it returns the future's error.
        from asyncio import futures, tasks
        self._check_closed()
        self._check_running()
        new_task = not futures.isfuture(future)
        future = tasks.ensure_future(future, loop=self)
        if new_task:
            future._log_destroy_pending = False
        future.add_done_callback(base_events._run_until_complete_cb)
        try:
            self.run_forever()
        except:  # noqa: E722 (as CPython: any exception, BaseException too)
            if new_task and future.done() and not future.cancelled():
                future.exception()
            raise
        finally:
            future.remove_done_callback(base_events._run_until_complete_cb)
        if not future.done():
            raise RuntimeError("Event loop stopped before Future completed.")
        tr = trace.tracer()
        if tr is not None and (future.cancelled() or future.exception() is not None):
            from .tasks import exc_text
            if future.cancelled():
                detail, value = "cancelled", "cancelled"
            else:
                detail, value = "exception", exc_text(future.exception())
            tr.emit("loop.fail", id=getattr(future, "_ls_id", 0), name=name_of(future), detail=detail, value=value, in_=0)
        return future.result()

    def default_exception_handler(self, context):
        tr = trace.tracer()
        if tr is not None and tr.stopped is None:
            msg = context.get("message") or "Unhandled exception in event loop"
            kind = "exception"
            if msg.startswith("Task was destroyed but it is pending"):
                kind = "pending"
            elif "exception was never retrieved" in msg:
                kind = "unretrieved"
            words = msg
            exc = context.get("exception")
            if exc is not None:
                from .tasks import exc_text
                words += ": " + exc_text(exc)
            fut = context.get("future") or context.get("task")
            if fut is not None and kind == "pending":
                # Where it stood, as core says it (core/diagnostics.go).
                w = getattr(fut, "_fut_waiter", None)
                words += ' (the loop closed while %s "%s" %s)' % (
                    kind_word(fut), name_of(fut), "was waiting on " + describe_wait(w) if w is not None else "had not finished")
            elif fut is not None and kind != "exception":
                words += " (%s %s)" % (kind_word(fut), '"' + name_of(fut) + '"')
            tr.emit("diag", id=getattr(fut, "_ls_id", 0), detail=kind, value=words, in_=0)
        exc = context.get("exception")
        if exc is not None and tr is not None:
            # The traceback asyncio prints, as CPython's C Task leaves it.
            exc.__traceback__ = trace.without_c_frames(exc.__traceback__)
        super().default_exception_handler(context)

    def _ls_stuck(self):
        waits = []
        for t in sorted(asyncio.all_tasks(self), key=lambda t: getattr(t, "_ls_serial", 0)):
            w = t._fut_waiter
            what = describe_wait(w) if w is not None else "nothing"
            waits.append('task "%s" waits on %s' % (t.get_name(), what))
        msg = "deadlock: nothing can ever run again"
        if waits:
            msg += ": " + "; ".join(waits) + ", which nothing will resolve"
        else:
            msg += ": no callbacks, timers or tasks are left, and nothing outside the loop can wake it"
        tr = trace.tracer()
        if tr is not None:
            tr.stuck = msg
            tr.emit("diag", detail="stuck", value=msg, in_=0)
        return Deadlock(msg)

    def _run_once(self):
        tr = trace.tracer()
        if tr is None:
            return super()._run_once()
        tr.check_wall()
        # Cancelled timers at the head of the heap go first (as CPython).
        while self._scheduled and self._scheduled[0]._cancelled:
            self._timer_cancelled_count -= 1
            h = heapq.heappop(self._scheduled)
            h._scheduled = False
        if not (self._ready or self._stopping):
            if not self._scheduled:
                raise self._ls_stuck()
            when = self._scheduled[0]._when
            if self._ls_clock == "virtual":
                self._ls_vnow = max(self._ls_vnow, self._ls_due_ns(when))
            else:
                wait = when - self.time()
                if wait > 0:
                    tr.sleep(wait)
        end_time = self.time() + self._clock_resolution
        while self._scheduled:
            h = self._scheduled[0]
            if h._when >= end_time:
                break
            h = heapq.heappop(self._scheduled)
            h._scheduled = False
            self._ready.append(h)
            if getattr(h, "_ls_id", 0):
                tr.emit("timer.due", id=h._ls_id, due=h._ls_due, in_=0)
        ntodo = len(self._ready)
        tr.emit("iter.begin", value=str(ntodo), in_=0)
        for _ in range(ntodo):
            h = self._ready.popleft()
            if h._cancelled:
                continue
            h._ls_ran = True
            hid = getattr(h, "_ls_id", 0)
            if not hid:
                # A task's step traces itself; asyncio's own callbacks are
                # internal.begin/end, as core's internal handles are.
                site = getattr(h, "_ls_site", None)
                if site is not None:
                    tr.emit("internal.begin", name=site, ref=h._ls_ref, in_=0)
                prev, tr.current = tr.current, 0
                try:
                    h._run()
                finally:
                    tr.current = prev
                if site is not None:
                    tr.emit("internal.end", name=site, ref=h._ls_ref, in_=0)
                continue
            kind = h._ls_kind
            tr.emit("cb.begin", id=hid, detail=kind, in_=0)
            prev, tr.current = tr.current, hid
            began = tr.now_ns(), time.monotonic()
            tr.blocked = False
            try:
                h._run()
            finally:
                tr.current = prev
            tr.emit("cb.end", id=hid, in_=0)
            if kind != "timer":
                slow_step(tr, "callback " + _cb_name(h._callback), began, id=hid)
        tr.emit("iter.end", in_=0)
        h = None  # noqa: F841 (as CPython's _run_once: a traceback holding this frame must not hold the handle)


class TracedHandle(events.Handle):
    _ls_id = 0
    _ls_kind = ""
    _ls_ran = False

    def cancel(self):
        traced = not self._cancelled and not self._ls_ran and self._ls_id
        super().cancel()  # first: an event comes after the change it reports
        tr = trace.tracer() if traced else None
        if tr is not None:
            tr.emit("cb.cancel", id=self._ls_id)


class TracedTimerHandle(events.TimerHandle):
    _ls_id = 0
    _ls_kind = ""
    _ls_ran = False
    _ls_due = 0

    def cancel(self):
        traced = not self._cancelled and not self._ls_ran and self._ls_id
        super().cancel()  # first: an event comes after the change it reports
        tr = trace.tracer() if traced else None
        if tr is not None:
            tr.emit("cb.cancel", id=self._ls_id)


trace.BOUNDARIES.add(LoopscopeLoop._run_once.__code__)


def describe_wait(w):
    from .prims import wait_description
    d = wait_description(w)
    if d:
        return d
    return '%s "%s"' % (kind_word(w), name_of(w))


_INTERNAL = ("asyncio", "loopscope", "aiohttp", "async_timeout", "functools")


def _unwrap(cb):
    import functools
    while isinstance(cb, functools.partial):
        cb = cb.func
    return cb


def _kind_of(callback, default):
    """"step" for a task's own step, "internal" for asyncio's callbacks,
    default for the program's."""
    cb = _unwrap(callback)
    self = getattr(cb, "__self__", None)
    if isinstance(self, TracedTask) and getattr(cb, "__name__", "") in ("_Task__step", "_Task__wakeup"):
        return "step"
    mod = getattr(cb, "__module__", None) or ""
    if mod.split(".")[0] in _INTERNAL and mod != "loopscope.user":
        return "internal"
    if self is not None and type(self).__module__.split(".")[0] in ("asyncio",):
        return "internal"
    return default


# What an asyncio done-callback serves, in core's words (core/future.go
# siteNames), by the function asyncio schedules.
_SITES = {
    "_done_callback": "gather", "_on_completion": "wait", "_release_waiter": "wait_for",
    "_inner_done_callback": "shield", "_outer_done_callback": "shield", "_on_task_done": "task group",
    "_run_until_complete_cb": "run_until_complete",
}


def _site_of(callback):
    cb = _unwrap(callback)
    name = getattr(cb, "__name__", "")
    if name == "_on_completion" and "as_completed" in getattr(cb, "__qualname__", ""):
        return "as_completed"
    return _SITES.get(name, "core")


def _done_ref(args, done_of):
    """The future whose completion scheduled a done-callback: its argument."""
    fut = args[0] if args else done_of
    return getattr(fut, "_ls_id", 0) or getattr(done_of, "_ls_id", 0)


def _cb_name(callback):
    cb = _unwrap(callback)
    return getattr(cb, "__qualname__", "") or getattr(cb, "__name__", "") or type(cb).__name__


class LoopscopePolicy(asyncio.DefaultEventLoopPolicy):
    """get_event_loop(), new_event_loop() and asyncio.run() all give a
    LoopscopeLoop."""

    def new_event_loop(self):
        return LoopscopeLoop()

    def get_event_loop(self):
        # The introduction calls get_event_loop() outside any loop, as
        # Python 3.4-3.9 allowed without a warning: make one, quietly.
        if self._local._loop is None:
            self.set_event_loop(self.new_event_loop())
        return self._local._loop
