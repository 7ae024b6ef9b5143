# A task the program created and never awaited lost what it did: the value
# it returned, or, when asyncio.run's clean-up cancelled it, the work it had
# not finished. asyncio reports neither (only a lost error, "Task exception
# was never retrieved", and a task destroyed while pending), so the trace
# says it as core's does (core/neverawaited.go): diag "never-awaited" when
# the loop closes, id the task. Awaited means anything that asks for the
# outcome: await, result(), exception(), add_done_callback(), so gather,
# wait, wait_for, shield, a TaskGroup and run_until_complete count.
import asyncio
import sys

from . import trace

# asyncio.run's clean-up cancels the tasks left and gathers them: that is
# neither the program cancelling them nor awaiting them.
_SHUTDOWN = asyncio.runners._cancel_all_tasks.__code__


def _by_shutdown(depth):
    f = sys._getframe(3)  # the caller of the TracedFuture method calling us
    for _ in range(depth):
        if f is None:
            return False
        if f.f_code is _SHUTDOWN:
            return True
        f = f.f_back
    return False


def observed(fut):
    """The program asked for fut's outcome."""
    if fut._ls_observed or not fut._ls_id or _by_shutdown(2):
        return
    fut._ls_observed = True
    lost = getattr(fut._loop, "_ls_lost", None)
    if lost:
        lost.pop(fut._ls_id, None)


def cancelling(task):
    """task.cancel() is being called: by asyncio.run's clean-up? A task
    idle on a lock, event or queue (a consumer ending with the run, as the
    queue example's workers do) loses nothing by it."""
    if _by_shutdown(1) and getattr(task._fut_waiter, "_ls_prim", None) is None:
        task._ls_shutdown = True


def finished(task):
    """task is done: did it lose its outcome? (Not yet certain: the program
    may still ask for it before the loop closes.)"""
    if task._ls_observed:
        return
    if task.cancelled():
        if not task._ls_shutdown:
            return
        why = "it had not finished when the main task returned, so asyncio.run cancelled it"
    elif task._exception is None and task._result is not None:
        from .tasks import text_of
        why = "it returned %s, which nothing used" % text_of(repr(task._result))
    else:
        return  # an error is asyncio's own report (never retrieved)
    lost = task._loop.__dict__.setdefault("_ls_lost", {})
    lost[task._ls_id] = (task.get_name(), 'task "%s" was never awaited: %s' % (task.get_name(), why))


def report(loop):
    """At the loop's close: the tasks whose outcome nothing asked for."""
    lost = loop.__dict__.pop("_ls_lost", None)
    tr = trace.tracer()
    if not lost or tr is None or tr.stopped is not None:
        return
    for tid in sorted(lost):
        name, words = lost[tid]
        tr.emit("diag", id=tid, name=name, detail="never-awaited", value=words, in_=0)
