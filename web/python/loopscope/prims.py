# asyncio's locks and queues, traced as core traces its primitives: each gets
# an id and a label (`lock "account"`, named after the variable the program
# assigns it to), and its waits, acquisitions, releases, puts and gets become
# sync.* / queue.* events. The methods are asyncio's own, wrapped.
#
# Each event comes after the change it reports and before what the change
# causes: a release is said once the lock is free and before its first
# waiter wakes (asyncio's wake-up helper, _wake_up_first, says it); a wait
# once the waiter is in the line, as the task suspends on it. So the state
# rebuilt from the trace is asyncio's after every event
# (web/python/tests/test_loopstate.py compares them).
import asyncio
import functools
import inspect
import sys

from . import trace
from .tasks import assigned_name, text_of

KINDS = (
    (asyncio.BoundedSemaphore, "semaphore"), (asyncio.Semaphore, "semaphore"),
    (asyncio.Condition, "condition"), (asyncio.Event, "event"), (asyncio.Lock, "lock"),
    (asyncio.Barrier, "barrier"),
    # core's names: a LIFO queue hands out its last item, a priority queue its least.
    (asyncio.PriorityQueue, "priority queue"), (asyncio.LifoQueue, "lifo queue"), (asyncio.Queue, "queue"),
)


def kind_of(prim):
    for cls, kind in KINDS:
        if isinstance(prim, cls):
            return kind
    return type(prim).__name__.lower()


def owner(prim):
    """The primitive a learner sees: a queue's internal event is the queue."""
    return getattr(prim, "_ls_owner", None) or prim


def label(prim):
    prim = owner(prim)
    name = prim.__dict__.get("_ls_name")
    return kind_of(prim) + (' "%s"' % name if name else "")


def prim_id(tr, prim):
    prim = owner(prim)
    pid = prim.__dict__.get("_ls_id")
    if not pid:
        pid = prim._ls_id = tr.new_id()
        tr.prims[pid] = prim
    return pid


def emit(prim, kind, ref=0, value="", pos=None, in_=None):
    tr = trace.tracer()
    if tr is not None:
        tr.emit(kind, id=prim_id(tr, prim), name=label(prim), ref=ref, detail=kind_of(owner(prim)), value=value,
                pos=pos, in_=in_)


def _stash(prim, kind, value):
    """The event a method will emit once its change is made: at asyncio's
    wake-up helper, or when the method returns (_said)."""
    owner(prim)._ls_next = (kind, value)


def _said(prim):
    pending = owner(prim).__dict__.pop("_ls_next", None)
    if pending is not None:
        kind, value = pending
        emit(prim, kind, value=value(owner(prim)))


def _saying_before(cls, name):
    """cls.name wakes a waiter: the event stashed by its caller comes first."""
    orig = getattr(cls, name)

    @functools.wraps(orig)
    def wake(self, *args):
        _said(self)
        return orig(self, *args)

    setattr(cls, name, wake)


def _saying(prim, kind, value, orig, *args):
    """Calls orig(prim, *args), which changes the primitive: kind is emitted
    after the change (value(prim) read then), before any waiter it wakes."""
    _stash(prim, kind, value)
    try:
        r = orig(prim, *args)
    except BaseException:
        owner(prim).__dict__.pop("_ls_next", None)  # it changed nothing
        raise
    _said(prim)
    return r


def _said_after(orig, kind, value, when=lambda p: True):
    """orig as a method that says kind (see _saying) when when(self)."""

    @functools.wraps(orig)
    def method(self, *args):
        if not when(self):
            return orig(self, *args)
        return _saying(self, kind, value, orig, *args)

    return method


def on_waiter(frame, fut):
    """A future made inside a primitive's method: the task is about to wait."""
    prim = frame.f_locals.get("self")
    tr = trace.tracer()
    if prim is None or tr is None or not isinstance(prim, tuple(c for c, _ in KINDS)):
        return
    fn = frame.f_code.co_name
    why = ""
    if isinstance(prim, asyncio.Queue):
        why = "full: waiting for room to put" if fn == "put" else "empty: waiting for an item to get"
    elif getattr(prim, "_ls_owner", None) is not None:
        why = "join: waiting for %d unfinished" % owner(prim)._unfinished_tasks
    fut._ls_prim, fut._ls_why = owner(prim), why
    waiting = owner(prim).__dict__.setdefault("_ls_waiting", {})
    waiting[tr.current] = fut._ls_id
    fut._ls_wait_said = False


def waiting(tr, task, fut, pos):
    """The task suspends on fut, a primitive's waiter (on_waiter): it is in
    the primitive's line now. Said once, with the line of the await."""
    if fut._ls_wait_said:
        return
    fut._ls_wait_said = True
    # Still the task's step, as the await is (core says it there too).
    prev, tr.current = tr.current, task._ls_id
    try:
        emit(fut._ls_prim, "sync.wait", ref=fut._ls_id, value=fut._ls_why, pos=pos)
    finally:
        tr.current = prev


def wait_description(fut):
    prim = getattr(fut, "_ls_prim", None)
    if prim is None:
        return ""
    name = prim.__dict__.get("_ls_name")
    d = label(prim) if name else "an unnamed " + kind_of(prim)
    why = getattr(fut, "_ls_why", "")
    return d + (" (%s)" % why if why else "")


def _woken_ref(prim):
    tr = trace.tracer()
    waiting = owner(prim).__dict__.get("_ls_waiting")
    if tr is None or not waiting:
        return 0
    return waiting.pop(tr.current, 0)


def _named_init(cls):
    if "__init__" not in cls.__dict__:
        return  # inherited: named by its base's (LifoQueue, PriorityQueue)
    orig = cls.__init__

    @functools.wraps(orig)
    def __init__(self, *args, **kwargs):
        orig(self, *args, **kwargs)
        if "_ls_name" not in self.__dict__:
            self._ls_name = assigned_name(None)

    cls.__init__ = __init__


def _wrap_acquire(cls, value=lambda p: ""):
    orig = cls.acquire

    @functools.wraps(orig)
    async def acquire(self):
        r = await orig(self)
        emit(self, "sync.acquire", ref=_woken_ref(self), value=value(self))
        return r

    cls.acquire = acquire


def _wrap_release(cls, ok, value=lambda p: ""):
    cls.release = _said_after(cls.release, "sync.release", value, ok)


def install():
    for cls, _ in KINDS:
        _named_init(cls)
    # Lock
    _wrap_acquire(asyncio.Lock)
    _wrap_release(asyncio.Lock, lambda l: l._locked)
    _saying_before(asyncio.Lock, "_wake_up_first")
    # Semaphore: the value after the change.
    _wrap_acquire(asyncio.Semaphore, lambda s: "%d left" % s._value)
    _wrap_release(asyncio.Semaphore, lambda s: not isinstance(s, asyncio.BoundedSemaphore) or s._value < s._bound_value,
                  lambda s: "%d left" % s._value)
    _saying_before(asyncio.Semaphore, "_wake_up_next")

    # Event. set() is asyncio's own (the same since 3.4), with the event said
    # between the change and the wake-ups: a queue's internal event (join)
    # says its queue's task_done there.
    ev_wait, ev_clear = asyncio.Event.wait, asyncio.Event.clear

    queue_init = inspect.unwrap(asyncio.Queue.__init__).__code__

    def set_(self):
        if not self._value:
            self._value = True
            if getattr(self, "_ls_owner", None) is None:
                # (A queue's join event starts set, in Queue.__init__, before
                # qinit below can say it is the queue's: not the program's event.)
                if sys._getframe(1).f_code is not queue_init:
                    emit(self, "sync.release", value="set")
            else:
                _said(self)
            for fut in self._waiters:
                if not fut.done():
                    fut.set_result(True)

    def clear(self):
        was = self._value
        ev_clear(self)
        if was and getattr(self, "_ls_owner", None) is None:
            emit(self, "sync.release", value="clear")

    functools.update_wrapper(set_, asyncio.Event.set)
    functools.update_wrapper(clear, ev_clear)
    asyncio.Event.clear = clear

    async def wait(self):
        r = await ev_wait(self)
        ref = _woken_ref(self)
        if ref and getattr(self, "_ls_owner", None) is None:
            emit(self, "sync.acquire", ref=ref, value="woken")
        return r

    asyncio.Event.set, asyncio.Event.wait = set_, wait

    # Condition
    cond_wait, cond_notify = asyncio.Condition.wait, asyncio.Condition.notify

    async def cwait(self):
        r = await cond_wait(self)
        emit(self, "sync.acquire", ref=_woken_ref(self), value="notified")
        return r

    def notify(self, n=1):
        woken = sum(1 for w in self._waiters if not w.done())
        if self.locked():
            emit(self, "sync.release", value="notify %d" % min(n, woken))
        return cond_notify(self, n)

    asyncio.Condition.wait, asyncio.Condition.notify = cwait, notify

    # Queue
    q_init, put_nowait, get_nowait, task_done = (
        asyncio.Queue.__init__, asyncio.Queue.put_nowait, asyncio.Queue.get_nowait, asyncio.Queue.task_done)

    def qinit(self, *args, **kwargs):
        q_init(self, *args, **kwargs)
        self._finished._ls_owner = self

    def qput(self, item):
        text = text_of(item)
        return _saying(self, "queue.put", lambda q: text, put_nowait, item)

    def qget(self):
        # The item get_nowait takes, which its event names: the one a
        # queue's _get hands out (FIFO: the first; LIFO: the last; priority:
        # the heap's least).
        text = text_of(self._queue[-1 if isinstance(self, asyncio.LifoQueue) else 0]) if self._queue else ""
        return _saying(self, "queue.get", lambda q: text, get_nowait)

    qdone = _said_after(task_done, "sync.release", lambda q: "task_done: %d unfinished" % q._unfinished_tasks)

    functools.update_wrapper(qinit, q_init)
    functools.update_wrapper(qput, put_nowait)
    functools.update_wrapper(qget, get_nowait)
    asyncio.Queue.__init__ = qinit
    asyncio.Queue.put_nowait, asyncio.Queue.get_nowait, asyncio.Queue.task_done = qput, qget, qdone
    _saying_before(asyncio.Queue, "_wakeup_next")
