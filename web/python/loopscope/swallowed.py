# A task that receives its cancellation (a CancelledError thrown in at an
# await) and goes on with it still in force (cancelling() > 0, no
# uncancel()): awaits again once done handling it, or finishes other than
# cancelled. asyncio lets it run on; the trace says so as core's does
# (core/ignoredcancel.go): diag "ignored-cancel", at the await that
# received it.
#
# Done handling it: while a coroutine of the task is still in the except or
# finally block that caught it, that coroutine holds the exception (on its
# frame's stack, or as `except ... as e`). So clean-up that awaits before
# re-raising, and asyncio's own code passing it on (a TaskGroup's __aexit__
# waiting for its tasks), are not flagged; once no coroutine holds it and
# the task awaits again, it was dropped.
import gc

from .trace import MAIN


def check(tr, task):
    """After a step of a task that holds a cancellation not passed on."""
    exc = task._ls_cancel
    if task.cancelled() or not task.cancelling():
        task._ls_cancel = None  # passed on, or withdrawn with uncancel()
        return
    if task.done():
        how = "finished without raising the CancelledError"
    elif _held(task, exc) or not _caught_by_program(exc):
        return  # still handling it (or asyncio is): decided at a later step
    else:
        how = "caught the CancelledError and awaited again"
    task._ls_cancel = None
    line = _await_line(exc)
    tr.emit("diag", id=task._ls_id, name=task.get_name(), detail="ignored-cancel",
            value='task "%s" was cancelled but %s: the cancellation was ignored here '
                  '(re-raise it, after any clean-up, to let the task end)' % (task.get_name(), how),
            pos="%s:%d" % (MAIN, line) if line else "", in_=task._ls_id)


def _held(task, exc):
    """Whether a coroutine of the task's await chain still refers to exc."""
    c = task._coro
    for _ in range(100):
        if c is None:
            return False
        if any(r is exc for r in gc.get_referents(c)):
            return True
        c = getattr(c, "cr_await", None) or getattr(c, "gi_yieldfrom", None)
    return False


def _caught_by_program(exc):
    """The frame that caught exc is the program's: the head of its traceback."""
    tb = exc.__traceback__
    return tb is not None and tb.tb_frame.f_code.co_filename == MAIN


def _await_line(exc):
    """The program line where exc was thrown in: its innermost program frame."""
    line, tb = 0, exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == MAIN:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
