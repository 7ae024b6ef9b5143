# asyncio's locks and queues, traced as core traces its primitives: each gets
# an id and a label (`lock "account"`, named after the variable the program
# assigns it to), and its waits, acquisitions, releases, puts and gets become
# sync.* / queue.* events. The methods are asyncio's own, wrapped.
import asyncio
import functools

from . import trace
from .tasks import assigned_name, text_of

KINDS = (
    (asyncio.BoundedSemaphore, "semaphore"), (asyncio.Semaphore, "semaphore"),
    (asyncio.Condition, "condition"), (asyncio.Event, "event"), (asyncio.Lock, "lock"),
    (asyncio.Barrier, "barrier"), (asyncio.Queue, "queue"),
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
    return pid


def emit(prim, kind, ref=0, value=""):
    tr = trace.tracer()
    if tr is not None:
        tr.emit(kind, id=prim_id(tr, prim), name=label(prim), ref=ref, detail=kind_of(owner(prim)), value=value)


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
    emit(prim, "sync.wait", ref=fut._ls_id, value=why)


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
    orig = cls.release

    @functools.wraps(orig)
    def release(self):
        if ok(self):
            emit(self, "sync.release", value=value(self))
        return orig(self)

    cls.release = release


def install():
    for cls, _ in KINDS:
        _named_init(cls)
    # Lock
    _wrap_acquire(asyncio.Lock)
    _wrap_release(asyncio.Lock, lambda l: l._locked)
    # Semaphore: the value after the change.
    _wrap_acquire(asyncio.Semaphore, lambda s: "%d left" % s._value)
    _wrap_release(asyncio.Semaphore, lambda s: not isinstance(s, asyncio.BoundedSemaphore) or s._value < s._bound_value,
                  lambda s: "%d left" % (s._value + 1))

    # Event
    ev_set, ev_wait = asyncio.Event.set, asyncio.Event.wait

    def set_(self):
        if not self._value and getattr(self, "_ls_owner", None) is None:
            emit(self, "sync.release", value="set")
        return ev_set(self)

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
        r = put_nowait(self, item)
        emit(self, "queue.put", value=text_of(item))
        return r

    def qget(self):
        item = get_nowait(self)
        emit(self, "queue.get", value=text_of(item))
        return item

    def qdone(self):
        r = task_done(self)
        emit(self, "sync.release", value="task_done: %d unfinished" % self._unfinished_tasks)
        return r

    functools.update_wrapper(qinit, q_init)
    asyncio.Queue.__init__ = qinit
    asyncio.Queue.put_nowait, asyncio.Queue.get_nowait, asyncio.Queue.task_done = qput, qget, qdone
