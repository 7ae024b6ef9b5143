# Runs one program as main.py and answers as the Go runner does (RunResult in
# web/src/contract.ts): outcome, message, output lines, diagnostics for the
# editor's gutter, and the trace.
import asyncio
import builtins
import gc
import io
import itertools
import linecache
import signal
import sys
import traceback
import warnings

from . import compat, lost, net, prims, tasks, trace, workdir
from .loop import Deadlock, LoopscopePolicy
from .trace import MAIN, LimitReached, Tracer

_installed = False


def install():
    """Makes asyncio Loopscope's, once per interpreter."""
    global _installed
    if _installed:
        return
    _installed = True
    asyncio.Task = asyncio.tasks.Task = tasks.TracedTask
    asyncio.Future = asyncio.futures.Future = tasks.TracedFuture
    asyncio.tasks._GatheringFuture = tasks.GatheringFuture
    prims.install()
    compat.install()
    net.install()
    asyncio.set_event_loop_policy(LoopscopePolicy())
    _freeze()


def _freeze():
    # The interpreter's own objects (modules, classes, Pyodide's) are moved
    # out of the collector's sight: the collection that ends each run, to
    # report what the program left behind, then only looks at the run's
    # objects (a full collection costs tens of ms in wasm).
    gc.collect()
    gc.freeze()


class LineWriter(io.TextIOBase):
    """The program's stdout and stderr: each line becomes an output event,
    attributed to the task or callback that printed it."""

    def __init__(self, tr):
        self.tr = tr
        self.partial = ""

    def writable(self):
        return True

    def write(self, s):
        if not isinstance(s, str):
            raise TypeError("write() argument must be str, not %s" % type(s).__name__)
        self.partial += s
        while "\n" in self.partial:
            line, self.partial = self.partial.split("\n", 1)
            self.tr.print_line(line)
        return len(s)

    def flush(self):
        pass

    def end(self):
        if self.partial:
            rest, self.partial = self.partial, ""
            self.tr.print_line(rest)


def _limit_message(which, lim, at=""):
    if which == "wall":
        return "stopped: still running after %gs of real time (an endless loop, or a task that never awaits?)%s" % (
            lim["wallMs"] / 1000, "; " + at if at else "")
    if which == "virtual":
        return "stopped: the loop's clock passed %gs, the playground's limit" % (lim["virtualMs"] / 1000)
    if which == "events":
        return ("stopped: the program made more than {:,} trace events, the playground's limit; "
                "the timeline shows them".format(lim["events"]))
    if which == "output":
        return ("stopped: the program printed more than %s, the playground's limit; "
                "the output shows what it printed until then" % _byte_size(lim["outputBytes"]))
    return "stopped: limit " + which


def _byte_size(n):
    """n bytes as the Go runner says it: 1 MB, 64 KB, 300 bytes."""
    if n >= 1 << 20 and n % (1 << 20) == 0:
        return "%d MB" % (n >> 20)
    if n >= 1 << 10 and n % (1 << 10) == 0:
        return "%d KB" % (n >> 10)
    return "{:,} bytes".format(n)


# A traceback longer than this many runs of frames (a deep recursion that
# is no plain self-call) shows its first and last halves.
TRACEBACK_RUNS = 100


def _user_frames(tb):
    """The traceback's frames, without Loopscope's own (the learner did not
    write them; asyncio's stay, as CPython shows them), as runs of one
    repeated frame: [(FrameSummary, times)]. A deep recursion's thousands
    of identical frames are one run, so a RecursionError's traceback takes
    no longer to make than any other."""
    runs = []  # [key, tb entry, times]
    while tb is not None:
        code = tb.tb_frame.f_code
        if not _runtime_file(code.co_filename) and not trace.c_in_cpython(code):
            key = (code, tb.tb_lineno)
            if runs and runs[-1][0] == key:
                runs[-1][2] += 1
            else:
                runs.append([key, tb, 1])
        tb = tb.tb_next
    if len(runs) > TRACEBACK_RUNS:
        half = TRACEBACK_RUNS // 2
        skipped = sum(r[2] for r in runs[half:-half])
        runs = runs[:half] + [[None, skipped, 0]] + runs[-half:]
    return [(traceback.extract_tb(t, limit=1)[0] if key else t, n) for key, t, n in runs]


def _runtime_file(name):
    """Loopscope's own files and Pyodide's: the learner wrote neither, and
    CPython's tracebacks have no Pyodide (its asyncio.run wrapper)."""
    path = name.replace("\\", "/")
    return "/loopscope/" in path or "/pyodide/" in path or "/_pyodide/" in path


def _format_frames(runs):
    """The traceback's lines as CPython prints them: a frame repeated more
    than three times is printed three times, then counted."""
    lines = []
    for fs, n in runs:
        if n == 0:
            lines.append("  [... %d more frames ...]\n" % fs)
            continue
        text = traceback.format_list([fs])
        lines += text * min(n, 3)
        if n > 3:
            lines.append("  [Previous line repeated %d more time%s]\n" % (n - 3, "" if n == 4 else "s"))
    return lines


# The deepest the program's calls may nest, whatever sys.setrecursionlimit
# asks: CPython takes ~15 s (natively, and longer in wasm) to reach and
# unwind a million frames, so a raised limit with a runaway recursion
# ended at the page's wall limit, blamed on a loop. 100,000 frames take
# under a second in Pyodide.
RECURSION_CAP = 100_000


class RecursionCap:
    """sys.setrecursionlimit for one run: capped at RECURSION_CAP, and
    undone when the run ends (the next program starts at the default)."""

    def __init__(self):
        self.real = sys.setrecursionlimit
        self.before = sys.getrecursionlimit()
        self.asked = None
        sys.setrecursionlimit = self.set

    def set(self, limit):
        if isinstance(limit, int) and limit > RECURSION_CAP:
            self.asked = limit
            limit = RECURSION_CAP
        self.real(limit)

    def restore(self):
        sys.setrecursionlimit = self.real
        self.real(self.before)

    def explain(self):
        """Words after a RecursionError's own: what the limit was."""
        if self.asked is not None:
            return (": more than {:,} calls were nested, the most Python mode allows "
                    "(sys.setrecursionlimit({}) asked for more)".format(RECURSION_CAP, self.asked))
        return ": more than {:,} calls were nested (sys.getrecursionlimit()): a function calling itself without end?".format(
            sys.getrecursionlimit())


def run(source, clock="virtual", limits=None, on_batch=None, stderr=None):
    """Runs source as main.py. stderr, if given, takes what the program
    writes to sys.stderr instead of the output (the conformance runs compare
    stdout alone, as the pinned scenarios do)."""
    install()
    tr = Tracer(clock, limits, on_batch)
    trace.set_tracer(tr)
    asyncio.events._set_running_loop(None)
    asyncio.set_event_loop_policy(LoopscopePolicy())
    # Each run names tasks from Task-1 again, and orders sets the same way.
    asyncio.tasks._task_name_counter = itertools.count(1).__next__
    tasks._serial = itertools.count(1)
    linecache.cache[MAIN] = (len(source), None, source.splitlines(True), MAIN)
    out = LineWriter(tr)
    saved = sys.stdout, sys.stderr, warnings.showwarning, sys.get_coroutine_origin_tracking_depth(), sys.stdin, builtins.input
    depth = RecursionCap()
    sys.stdout = out
    # The playground has no keyboard: stdin is empty, as `python3 main.py <
    # /dev/null` has it (Pyodide's own would fail with "I/O error").
    sys.stdin = io.StringIO("")
    builtins.input = _no_input
    sys.stderr = stderr if stderr is not None else out
    warnings.showwarning = _warning(tr)
    sys.set_coroutine_origin_tracking_depth(1)
    wall_handler = signal.signal(trace.WALL_SIGNAL, trace.on_wall_signal)
    result = {"outcome": "ok", "message": "the program finished"}
    extra = []  # lines after the trace: a traceback
    g = {"__name__": "__main__", "__file__": MAIN, "__builtins__": __builtins__}
    entered = workdir.enter()
    try:
        try:
            code = compile(source, MAIN, "exec")
        except SyntaxError as e:
            line, col = e.lineno or 0, e.offset or 0
            msg = "%s: %s" % (type(e).__name__, e.msg)
            tr.diagnostic(line, msg, col)
            extra = traceback.format_exception_only(type(e), e)
            result = {"outcome": "compile-error", "message": "%s:%d:%d: %s" % (MAIN, line, col, msg)}
        else:
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("default", RuntimeWarning)
                    warnings.simplefilter("ignore", DeprecationWarning)
                    warnings.showwarning = _warning(tr)
                    tr.live = True
                    exec(code, g)
                    out.end()
                    _report_pending(tr)
                    # What asyncio reports when objects die (a pending task,
                    # an exception nobody retrieved, a coroutine never
                    # awaited) is reported now, not at some later collection.
                    g.clear()
                    gc.collect()
                    # A loop the program left open says what its tasks
                    # lost, as one it closed did.
                    for loop in tr.loops:
                        if not loop.is_closed() and not loop.is_running():
                            lost.report(loop)
            except SystemExit as e:
                if e.code not in (None, 0):
                    result = {"outcome": "error", "message": "exit status %s" % e.code}
            except LimitReached as e:
                result = {"outcome": "limit", "limit": e.which, "message": _limit_message(e.which, tr.limits, tr.stopped_at)}
            except Deadlock as e:
                result = {"outcome": "deadlock", "message": str(e)}
            except BaseException as e:
                if tr.stopped is not None:
                    result = {"outcome": "limit", "limit": tr.stopped, "message": _limit_message(tr.stopped, tr.limits, tr.stopped_at)}
                else:
                    runs = _user_frames(e.__traceback__)
                    frames = [f for f, n in runs if n]
                    last = traceback.format_exception_only(type(e), e)[-1].rstrip("\n")
                    extra = ["Traceback (most recent call last):\n"] + _format_frames(runs) + \
                        traceback.format_exception_only(type(e), e)
                    line = 0
                    for f in frames:
                        if f.filename == MAIN:
                            line = f.lineno
                    col = 0
                    for f in reversed(frames):
                        if f.filename == MAIN:
                            col = (getattr(f, "colno", None) or 0) + 1 if getattr(f, "colno", None) is not None else 0
                            break
                    if isinstance(e, RecursionError):
                        last += depth.explain()
                    tr.diagnostic(line, last, col)
                    where = " (%s:%d)" % (MAIN, line) if line else ""
                    result = {"outcome": "error", "message": last + where}
    finally:
        tr.live = False
        workdir.leave(entered)
        signal.signal(trace.WALL_SIGNAL, wall_handler)
        sys.stdout, sys.stderr, warnings.showwarning = saved[0], saved[1], saved[2]
        sys.set_coroutine_origin_tracking_depth(saved[3])
        sys.stdin, builtins.input = saved[4], saved[5]
        depth.restore()
        g.clear()
        trace.set_tracer(None)
        asyncio.events._set_running_loop(None)
        # Loops the program left open die quietly with the run (CPython
        # warns about them only in development mode), their pending tasks
        # too (CPython, exiting, says nothing of them either): nothing is
        # written after the run, into the next one or the console.
        for loop in tr.loops:
            if not loop.is_running():
                for t in asyncio.all_tasks(loop):
                    t._log_destroy_pending = False
                loop.close()
        tr.loops.clear()
        asyncio.set_event_loop_policy(LoopscopePolicy())
        _freeze()
    if tr.stopped is not None and result["outcome"] != "limit":
        result = {"outcome": "limit", "limit": tr.stopped, "message": _limit_message(tr.stopped, tr.limits, tr.stopped_at)}
    if tr.simulated and result["outcome"] == "ok":
        n = tr.simulated
        result["message"] = "the program finished; its %s simulated: the playground has no network" % (
            "download was" if n == 1 else "%d downloads were" % n)
    output = tr.output
    if out.partial and tr.stopped is None:
        output.append({"text": out.partial, "seq": tr.seq})
    for chunk in extra:
        for s in chunk.rstrip("\n").split("\n"):
            output.append({"text": s, "seq": tr.seq})
            if tr.on_batch is not None:
                tr.send({"type": "output", "text": s, "seq": tr.seq})
    tr.flush()
    result.update(output=output, diagnostics=tr.diagnostics, events=tr.events)
    return result


def _no_input(prompt=""):
    """input() with an empty stdin: CPython's EOFError, saying why."""
    if prompt:
        sys.stdout.write(str(prompt))
        sys.stdout.write("\n")
    raise EOFError("EOF when reading a line: the playground has no keyboard input; put the values in the program instead")


def _report_pending(tr):
    """The pending tasks of the loops the program closed die with it: asyncio
    says "Task was destroyed but it is pending!" as each is collected. Said
    now, in creation order, while each coroutine still shows where it waits
    (coro=<forever() running at main.py:5>, as CPython prints it): the
    collection at the run's end may close a coroutine before its task's
    report, which would then read "done"."""
    for loop in tr.loops:
        if not loop.is_closed():
            continue
        for t in sorted(asyncio.all_tasks(loop), key=lambda t: t._ls_serial):
            if t._log_destroy_pending:
                t._log_destroy_pending = False
                loop.call_exception_handler({"task": t, "message": "Task was destroyed but it is pending!"})


def _warning(tr):
    def show(message, category, filename, lineno, file=None, line=None):
        text = str(message)
        if category is RuntimeWarning and "was never awaited" in text:
            first = text.split("\n", 1)[0]
            created = 0
            origin = text.split("\n")
            for s in origin:
                s = s.strip()
                if s.startswith('File "%s", line ' % MAIN):
                    created = int(s.split("line ")[1].split(",")[0])
            words = first + ": calling an async function only makes a coroutine; await it (or wrap it in a task) to run it"
            try:
                tr.emit("diag", detail="never-awaited", value=words,
                        pos=("%s:%d" % (MAIN, created)) if created else "", in_=0)
            except LimitReached:
                return
            tr.diagnostic(created, first)
            sys.stderr.write("%s:%d: RuntimeWarning: %s\n" % (MAIN, created or lineno, first))
            return
        sys.stderr.write(warnings.formatwarning(message, category, filename, lineno, line))
    return show
