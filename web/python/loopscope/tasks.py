# Futures and tasks that trace themselves. They subclass asyncio's pure-Python
# Future and Task (asyncio keeps them as _PyFuture/_PyTask beside the C ones),
# so the scheduling is CPython's own, line for line; only the hooks are ours:
# a future's completion (__schedule_callbacks runs exactly once per future),
# a task's step and its wake-up (to know which future woke it).
import asyncio
import itertools
import re
import sys
import time
from asyncio import futures as _futures
from asyncio import tasks as _tasks

from . import lost, swallowed, trace
from .trace import MAIN

_serial = itertools.count(1)


def text_of(x, limit=200):
    s = x if isinstance(x, str) else repr(x)
    return s if len(s) <= limit else s[: limit - 1] + "…"


def exc_text(e):
    s = str(e)
    return type(e).__name__ + (": " + s if s else "")


def name_of(obj):
    """How the trace names something a task waits on."""
    if isinstance(obj, TracedTask):
        return obj.get_name()
    return getattr(obj, "_ls_name", "") or type(obj).__name__


def kind_word(obj):
    return "task" if isinstance(obj, (TracedTask, getattr(_tasks, "_CTask", TracedTask))) else "future"


_ASSIGN = re.compile(r"^\s*([A-Za-z_][\w.]*)\s*(?::[^=]*)?=[^=]")


def assigned_name(default):
    """The name a program line gives what it creates (`reply = loop.create_future()`
    names it "reply"), else default."""
    f = sys._getframe(2)
    while f is not None and f.f_code.co_filename != MAIN:
        f = f.f_back
    if f is None:
        return default
    import linecache
    m = _ASSIGN.match(linecache.getline(MAIN, f.f_lineno))
    return m.group(1).split(".")[-1] if m else default


class TracedFuture(_futures._PyFuture):
    _ls_id = 0
    _ls_name = ""

    def __init__(self, *, loop=None, name=None):
        super().__init__(loop=loop)
        if isinstance(self, TracedTask):
            return  # a task traces its own creation
        self._ls_serial = next(_serial)
        tr = trace.tracer()
        if tr is not None:
            self._ls_id = tr.new_id()
            self._ls_name = name or assigned_name("future")
            tr.emit("fut.create", id=self._ls_id, name=self._ls_name)

    def __hash__(self):
        # Sets of futures iterate in creation order, not by address: one run
        # prints what the next prints (as core, and the pinned scenarios).
        return self._ls_serial

    # result() and exception() say what CPython's C Future (which asyncio
    # uses by default) says, not the pure-Python one this class builds on.
    # What the program asked of a future: a task nobody asked is "never
    # awaited" (lost.py). asyncio.run's own clean-up asks too; not counted.
    def result(self):
        lost.observed(self)
        if self._state == _futures._PENDING:
            raise asyncio.InvalidStateError("Result is not set.")
        return super().result()

    def exception(self):
        lost.observed(self)
        if self._state == _futures._PENDING:
            raise asyncio.InvalidStateError("Exception is not set.")
        return super().exception()

    def add_done_callback(self, fn, *, context=None):
        lost.observed(self)
        return super().add_done_callback(fn, context=context)

    def _Future__schedule_callbacks(self):
        done_event(self)
        tr = trace.tracer()
        if tr is None:
            return super()._Future__schedule_callbacks()
        prev, tr.done_of = getattr(tr, "done_of", None), self
        try:
            super()._Future__schedule_callbacks()
        finally:
            tr.done_of = prev


def done_event(fut):
    tr = trace.tracer()
    if tr is None or not fut._ls_id:
        return
    is_task = isinstance(fut, TracedTask)
    if fut._state == _futures._CANCELLED:
        detail = "cancelled"
        msg = fut._cancel_message
        if msg is None and getattr(fut, "_cancelled_exc", None) is not None and fut._cancelled_exc.args:
            msg = fut._cancelled_exc.args[0]
        value = "cancelled" + (": " + str(msg) if msg is not None else "")
    elif fut._exception is not None:
        detail, value = "exception", exc_text(fut._exception)
    else:
        detail = "result"
        value = "" if fut._result is None else text_of(fut._result)
    if is_task:
        lost.finished(fut)
        tr.emit("task.done", id=fut._ls_id, name=fut.get_name(), detail=detail, value=value, in_=0)
    else:
        tr.emit("fut.done", id=fut._ls_id, name=fut._ls_name, detail=detail, value=value)


class TracedTask(_tasks._PyTask, TracedFuture):
    """A Task that is also a TracedFuture (as Task is a Future): its MRO is
    TracedTask, Task, TracedFuture, Future."""
    _ls_id = 0

    def __init__(self, coro, *, loop=None, name=None, context=None):
        tr = trace.tracer()
        self._ls_serial = next(_serial)
        self._ls_ref = 0
        self._ls_id = tr.new_id() if tr is not None else 0
        super().__init__(coro, loop=loop, name=name, context=context)
        if tr is not None:
            tr.emit("task.create", id=self._ls_id, name=self.get_name(), value=runs(coro))

    def __hash__(self):
        return self._ls_serial

    def cancel(self, msg=None):
        tr = trace.tracer()
        if tr is not None and not self.done():
            lost.cancelling(self)
            tr.emit("task.cancel", id=self._ls_id, name=self.get_name(), value="" if msg is None else str(msg))
        return super().cancel(msg=msg)

    def _Task__wakeup(self, future):
        self._ls_ref = getattr(future, "_ls_id", 0)
        super()._Task__wakeup(future)
        self = None  # noqa: F841 (see the end of _Task__step)

    def _Task__step(self, exc=None):
        tr = trace.tracer()
        if tr is None or self.done():
            return super()._Task__step(exc)
        if self._must_cancel and not isinstance(exc, asyncio.CancelledError):
            # CPython's step begins so; done here to know the exception
            # the coroutine receives (swallowed.py follows it).
            exc = self._make_cancelled_error()
        if isinstance(exc, asyncio.CancelledError) and self.cancelling():
            self._ls_cancel = exc
        prev = tr.current
        tr.current = self._ls_id
        ref, self._ls_ref = self._ls_ref, 0
        tr.emit("task.step", id=self._ls_id, name=self.get_name(), ref=ref)
        began = tr.now_ns(), time.monotonic()
        tr.blocked = False
        try:
            super()._Task__step(exc)
        finally:
            tr.current = prev
        if tr.stopped is None:
            if self._ls_cancel is not None:
                swallowed.check(tr, self)
            if not self.done():
                if _awaited_itself(self):
                    line = coro_line(self)
                    tr.emit("diag", id=self._ls_id, name=self.get_name(), detail="await-cycle",
                            value='task "%s" awaited itself: a task cannot finish before it finishes, '
                                  'so asyncio raises RuntimeError in it at its next step' % self.get_name(),
                            pos="%s:%d" % (MAIN, line) if line else "", in_=self._ls_id)
                suspended(tr, self)
            slow_step(tr, 'a step of task "%s"' % self.get_name(), began, self._ls_step_line, self._ls_id)
        # As asyncio's own step ends: a failed task's traceback holds this
        # frame (each frame holds its caller), so a frame still referring to
        # the task would keep it alive until a collection; CPython frees it
        # at once and says "Task exception was never retrieved" then.
        self = None  # noqa: F841


def _awaited_itself(task):
    """The step just run awaited the task itself: asyncio scheduled the
    task's next step with RuntimeError("Task cannot await on itself")."""
    ready = task._loop._ready
    if not ready:
        return False
    h = ready[-1]
    return (getattr(h._callback, "__self__", None) is task and len(h._args) == 1
            and isinstance(h._args[0], RuntimeError) and str(h._args[0]).startswith("Task cannot await on itself"))


def runs(coro):
    """What a task runs, as the program's call wrote it (job('slow', 2)):
    task.create's value, shown beside a name the program did not give
    ("Task-2"). The name stays asyncio's own, as get_name() returns it (and
    the next unnamed task's number with it). The arguments are those of
    the coroutine not yet started; one that is not a number or a string
    is "…" (download(…, 1)), as an object's repr says nothing readable.
    asyncio.run() ends by running two coroutines of the loop's own as tasks
    (CPython's Runner.close): loop.shutdown_asyncgens(), loop.shutdown_default_executor()."""
    code = getattr(coro, "cr_code", None) or getattr(coro, "gi_code", None)
    if code is None:
        return ""
    if code.co_filename.replace("\\", "/").endswith("asyncio/base_events.py"):
        return "loop.%s()" % code.co_name
    name = getattr(coro, "__qualname__", None) or code.co_name
    frame = getattr(coro, "cr_frame", None) or getattr(coro, "gi_frame", None)
    if frame is None or code.co_filename != MAIN:
        return name + "()"
    values = frame.f_locals
    names = code.co_varnames
    n, k = code.co_argcount, code.co_kwonlyargcount
    words = [_arg_words(values.get(p)) for i, p in enumerate(names[:n])
             if not (i == 0 and p in ("self", "cls") and "." in name)]
    if code.co_flags & 0x04:  # *args, named after the keyword-only ones
        words += [_arg_words(v) for v in values.get(names[n + k], ())]
    words += ["%s=%s" % (p, _arg_words(values.get(p))) for p in names[n:n + k]]
    return "%s(%s)" % (name, ", ".join(words))


def _arg_words(v):
    if isinstance(v, (bool, int, float, type(None))) or (isinstance(v, str) and len(v) <= 24):
        return repr(v)
    if isinstance(v, str):
        # A long string's end tells one from another: a path's last part (…/a.pdf).
        cut = v.rfind("/")
        return repr("…" + (v[cut:] if 0 <= len(v) - cut <= 20 else v[-12:]))
    return "…"


def coro_line(task):
    """The innermost program line the task's coroutine stack is at."""
    c, line = task._coro, 0
    for _ in range(100):
        if c is None:
            break
        f = getattr(c, "cr_frame", None) or getattr(c, "gi_frame", None)
        if f is not None and f.f_code.co_filename == MAIN:
            line = f.f_lineno
        c = getattr(c, "cr_await", None) or getattr(c, "gi_yieldfrom", None)
    return line


def suspended(tr, task):
    line = coro_line(task)
    task._ls_step_line = line
    pos = "%s:%d" % (MAIN, line) if line else ""
    w = task._fut_waiter
    if w is None:
        tr.emit("task.suspend", id=task._ls_id, name=task.get_name(), detail="yield", pos=pos, in_=0)
        return
    if getattr(w, "_ls_wait_said", True) is False:
        from . import prims
        prims.waiting(tr, task, w, pos)
    detail = kind_word(w)
    tr.emit("task.suspend", id=task._ls_id, name=task.get_name(), ref=getattr(w, "_ls_id", 0),
            detail=detail, value=name_of(w), pos=pos, in_=0)


TracedTask._ls_step_line = 0
TracedTask._ls_cancel = None  # a cancellation the coroutine received and has not passed on
TracedFuture._ls_observed = False
TracedTask._ls_shutdown = False

# A step or callback that holds the loop this long (loop time, which a
# blocking sleep advances, or real time) is flagged, as asyncio's debug mode
# logs callbacks slower than loop.slow_callback_duration.
SLOW_NS = 100_000_000


def slow_step(tr, who, began, line=0, id=0):
    """diag "slow" as core reports it: a step or callback that held the loop
    for SLOW_NS of real time. Only on the real clock: on the instant clock a
    blocking call is a step.block (the loop's time jumps), and real time
    there depends on the machine, which would make runs differ."""
    t0, w0 = began
    if tr.blocked:
        tr.blocked = False  # its step.block says it
        return
    if tr.clock == "virtual":
        return
    took = int((time.monotonic() - w0) * 1e9)
    if took < SLOW_NS:
        return
    words = "%s took %s of real time; while it ran nothing else could (a blocking call inside a coroutine?)" % (who, seconds(took))
    tr.emit("diag", id=id, detail="slow", value=words, dur=took, pos=("%s:%d" % (MAIN, line)) if line else "", in_=0)


def seconds(ns):
    s = ns / 1e9
    return ("%.3f" % s).rstrip("0").rstrip(".") + "s"


class GatheringFuture(TracedFuture):
    """asyncio's _GatheringFuture, traced: gather's outer future."""

    def __init__(self, children, *, loop):
        names = ", ".join(name_of(c) for c in children)
        super().__init__(loop=loop, name="gather(%s)" % names)
        self._children = children
        self._cancel_requested = False

    def cancel(self, msg=None):
        if self.done():
            return False
        ret = False
        for child in self._children:
            if child.cancel(msg=msg):
                ret = True
        if ret:
            self._cancel_requested = True
        return ret


# What asyncio's messages and reprs call them (`Task exception was never
# retrieved`, `<Task pending name='Task-1' ...>`), as in CPython.
TracedFuture.__name__ = TracedFuture.__qualname__ = "Future"
TracedTask.__name__ = TracedTask.__qualname__ = "Task"
GatheringFuture.__name__ = GatheringFuture.__qualname__ = "_GatheringFuture"
# A waiting task's callback, as CPython's C Task names it in reprs
# (cb=[Task.task_wakeup()]).
TracedTask._Task__wakeup.__qualname__ = "Task.task_wakeup"
TracedFuture.__module__ = "asyncio.futures"
TracedTask.__module__ = GatheringFuture.__module__ = "asyncio.tasks"
