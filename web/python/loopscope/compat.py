# What the introduction's programs (written for Python 3.4-3.6) need from a
# current CPython, and what a program in the browser cannot have:
#  - @asyncio.coroutine, removed in 3.11: generator-based coroutines again.
#  - asyncio.wait() given bare coroutines (3.11 refuses them): wrapped in
#    tasks, in argument order.
#  - time.sleep() on the loop blocks it: the instant clock charges the time
#    at once (the real clock really waits), and the trace says who blocked.
#  - os._exit() would kill the whole runtime: it ends the program instead.
import asyncio
import functools
import inspect
import os
import sys
import threading
import time
import types

from . import trace
from .tasks import seconds



def outdated(message):
    """A line that runs here but fails on a current CPython: a warning at
    it (the editor's gutter and the output), so that what a learner wrote
    from an old text does not seem right."""
    tr = trace.tracer()
    if tr is not None:
        line = trace.program_line(sys._getframe(2))
        tr.diagnostic(line, message)


def coroutine(func):
    """Python 3.4's @asyncio.coroutine: a generator function becomes a
    coroutine function (`yield from` awaits); a plain function is wrapped."""
    outdated("@asyncio.coroutine was removed in Python 3.11 (AttributeError there): "
             "write `async def`, and `await` where it says `yield from`")
    if inspect.iscoroutinefunction(func):
        return func
    if inspect.isgeneratorfunction(func):
        coro = types.coroutine(func)
    else:
        @functools.wraps(func)
        def coro(*args, **kw):
            res = func(*args, **kw)
            if asyncio.isfuture(res) or inspect.isgenerator(res) or inspect.iscoroutine(res):
                res = yield from res
            else:
                try:
                    await_meth = res.__await__
                except AttributeError:
                    pass
                else:
                    if isinstance(res, types.GeneratorType) or hasattr(res, "__await__"):
                        res = yield from await_meth()
            return res
        coro = types.coroutine(coro)
    coro._is_coroutine = asyncio.coroutines._is_coroutine
    return coro


_wait = asyncio.tasks.wait


async def wait(fs, *, timeout=None, return_when=asyncio.ALL_COMPLETED):
    if not (asyncio.isfuture(fs) or asyncio.iscoroutine(fs)) and fs:
        loop = asyncio.get_running_loop()
        if any(asyncio.iscoroutine(f) for f in fs):
            outdated("asyncio.wait() of coroutines fails in Python 3.11 (TypeError: Passing coroutines is "
                     "forbidden): pass tasks, asyncio.create_task(coro) for each")
        fs = [loop.create_task(f) if asyncio.iscoroutine(f) else f for f in fs]
    return await _wait(fs, timeout=timeout, return_when=return_when)


def blocking_sleep(secs):
    """time.sleep: on a running Loopscope loop it blocks the loop."""
    if secs < 0:
        raise ValueError("sleep length must be non-negative")
    if not block(secs, "time.sleep(%r)" % (secs,), "time.sleep blocks the event loop: await asyncio.sleep lets others run"):
        trace.real_sleep(secs)


def block(secs, what, hint):
    """A blocking call of secs on the running Loopscope loop: traced, and
    charged to its clock. False when no Loopscope loop is running."""
    from .loop import LoopscopeLoop
    loop = asyncio.events._get_running_loop()
    if not isinstance(loop, LoopscopeLoop):
        return False
    tr = trace.tracer()
    if tr is not None:
        ns = int(secs * 1e9)
        # core's step.block: the running step blocked the loop for dur, from
        # t; the instant clock jumps by dur at once.
        tr.emit("step.block", dur=ns, pos=trace.program_pos(),
                value="%s blocks the loop for %s: no other task or callback can run meanwhile" % (what, seconds(ns)))
        tr.diagnostic(trace.program_line(), hint)
        tr.blocked = True
    loop._ls_block(secs)
    return True


_event_wait = threading.Event.wait


def thread_event_wait(self, timeout=None):
    """threading.Event.wait: the browser's Python has no other thread to
    set the event (run_in_executor runs its function on the loop), so a wait
    for an unset event could only hang: it ends the program instead."""
    if self.is_set() or trace.tracer() is None:
        return _event_wait(self, timeout)
    if timeout is not None:
        block(timeout, "threading.Event.wait(%r)" % (timeout,), "threading.Event.wait blocks the event loop")
        return False
    from .loop import Deadlock
    raise Deadlock("deadlock: nothing can ever run again: the loop waits on a threading.Event that no thread can set"
                   " (the browser's Python has no threads; run_in_executor runs its function on the loop)")


def create_task(coro, *, name=None, context=None):
    """asyncio.create_task as 3.12 has it: the name goes to the loop with
    the coroutine (3.11 sets it on the task afterwards), so the task's
    creation is traced with the name the program gave it."""
    loop = asyncio.get_running_loop()
    if name is not None:
        # 3.11 numbers a named task all the same: the next unnamed one is
        # Task-4, not Task-3, as CPython prints (pinned: task_default_names).
        asyncio.tasks._task_name_counter()
    if context is None:
        return loop.create_task(coro, name=name)
    return loop.create_task(coro, name=name, context=context)


def _exit(code=0):
    raise SystemExit(code)


def install():
    asyncio.coroutine = coroutine
    asyncio.coroutines.coroutine = coroutine
    asyncio.wait = wait
    asyncio.create_task = asyncio.tasks.create_task = create_task
    asyncio.tasks.wait = wait
    time.sleep = blocking_sleep
    os._exit = _exit
    threading.Event.wait = thread_event_wait
