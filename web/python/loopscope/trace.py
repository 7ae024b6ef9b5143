# The run's trace: core's event schema (core/trace.go, web/src/contract.ts
# TraceEvent), one id space for every handle, future, task and primitive of
# the run, output lines attributed to the running task or callback, and the
# run's limits (RunRequest.limits, as the Go runner applies them).
import signal
import sys
import time

MAIN = "main.py"  # the program's file name in tracebacks and positions

DEFAULT_LIMITS = {"wallMs": 10_000, "virtualMs": 24 * 3600 * 1000, "events": 200_000, "outputBytes": 1 << 20}


class LimitReached(BaseException):
    """Ends the program when a limit is hit. A BaseException, so that the
    program's `except Exception` cannot swallow it."""

    def __init__(self, which):
        super().__init__(which)
        self.which = which


class Tracer:
    def __init__(self, clock="virtual", limits=None, on_batch=None):
        self.clock = clock
        lim = dict(DEFAULT_LIMITS)
        for k, v in (limits or {}).items():
            if k in lim and isinstance(v, (int, float)) and v > 0:
                lim[k] = int(v)
        self.limits = lim
        self.on_batch = on_batch  # receives a list of StreamMessage dicts
        self.events = []
        self.output = []
        self.seq = 0
        self.next_id = 0
        self.current = 0  # the task or callback running now
        self.loop = None  # the loop whose clock events are stamped with
        self.out_bytes = 0
        self.stopped = None  # the limit hit, once one is
        self.started = time.monotonic()
        self.deadline = self.started + lim["wallMs"] / 1000
        self.batch = []
        self.batch_at = 0.0
        self.flushing = False
        self.diagnostics = []
        self.loops = []  # every loop of the run, closed at its end
        self.prims = {}  # id -> the locks, events, queues... the trace has named
        self.blocked = False  # a blocking call was traced in the running step
        # The program itself is running (not the runner before or after it):
        # only then may the wall limit interrupt it (tick, on_wall_signal).
        self.live = False
        self.simulated = 0  # downloads the simulated network answered (net.py)
        self.stopped_at = ""  # where the wall limit found the program: `task "spin" was still running at main.py:9`

    def new_id(self):
        self.next_id += 1
        return self.next_id

    def now_ns(self):
        loop = self.loop
        return loop._ls_now_ns() if loop is not None else 0

    def stop(self, which):
        if self.stopped is None:
            self.stopped = which
        raise LimitReached(which)

    def emit(self, kind, id=0, name="", ref=0, detail="", value="", due=0, pos=None, in_=None, dur=0):
        if self.stopped is not None:
            raise LimitReached(self.stopped)
        if len(self.events) >= self.limits["events"]:
            self.stop("events")
        t = self.now_ns()
        if self.clock == "virtual" and t > self.limits["virtualMs"] * 1_000_000:
            self.stop("virtual")
        self.seq += 1
        ev = {"seq": self.seq, "t": t, "wall": int((time.monotonic() - self.started) * 1e9), "kind": kind}
        if id:
            ev["id"] = id
        if name:
            ev["name"] = name
        running = self.current if in_ is None else in_
        if running:
            ev["in"] = running
        if ref:
            ev["ref"] = ref
        if detail:
            ev["detail"] = detail
        if value:
            ev["value"] = value
        if due:
            ev["due"] = due
        if pos is None and kind in CAUSED_BY_PROGRAM:
            pos = program_pos()
        if pos:
            ev["pos"] = pos
        if dur:
            ev["dur"] = dur
        self.events.append(ev)
        if observer is not None:
            observer(self, ev)
        if kind == "output":
            line = {"text": value, "seq": self.seq}
            if running:
                line["in"] = running
            self.output.append(line)
            self.send(dict(line, type="output"))
        self.send({"type": "event", "event": ev})
        return ev

    def send(self, msg):
        if self.on_batch is None:
            return
        if not self.batch:
            self.batch_at = time.monotonic()
        self.batch.append(msg)
        # As the Go runner: a batch a frame (16 ms) or 512 messages.
        if len(self.batch) >= 512 or time.monotonic() - self.batch_at > 0.016:
            self.flush()

    def flush(self):
        if self.batch and self.on_batch is not None and not self.flushing:
            # tick may come in the middle of a flush (it runs between any two
            # calls): it waits for the next, so batches keep their order.
            self.flushing = True
            try:
                b, self.batch = self.batch, []
                self.on_batch(b)
            finally:
                self.flushing = False

    def check_wall(self, frame=None):
        if time.monotonic() > self.deadline:
            if self.stopped is None:
                self.stopped_at = self.describe(frame or sys._getframe(1))
            self.stop("wall")

    def running_msg(self, frame):
        """Where the program is now, for the page (StreamMessage "running")."""
        return {"type": "running", "in": self.current, "pos": program_pos(frame), "seq": self.seq}

    def describe(self, frame):
        """What is running, in the Go runner's words (wasm/runner/running.go):
        `task "spin" was still running at main.py:9`, or ""."""
        who = self.step_name(self.current) if self.current else "main"
        pos = program_pos(frame)
        if pos:
            return "%s was still running at %s" % (who, pos)
        return "%s was still running" % who if self.current else ""

    def step_name(self, id):
        for ev in self.events:
            if ev.get("id") != id:
                continue
            if ev["kind"] == "task.create":
                return 'task "%s"' % ev.get("name", "")
            if ev["kind"] == "cb.schedule":
                return "the callback scheduled at " + ev["pos"] if ev.get("pos") else "a callback"
        return "a callback"

    def sleep(self, secs):
        """A real sleep: what the run has traced reaches the page first (it
        would wait in the batch for the sleep's end), and the sleep ends at
        the wall limit."""
        self.flush()
        left = self.deadline - time.monotonic()
        _real_sleep(max(0, min(secs, left)))
        if secs > left:
            self.check_wall(sys._getframe(1))

    def print_line(self, text):
        n = len(text.encode("utf-8", "replace")) + 1
        if self.out_bytes + n > self.limits["outputBytes"]:
            self.stop("output")
        self.out_bytes += n
        self.emit("output", value=text)

    def diagnostic(self, line, message, col=1):
        d = {"line": line, "col": col, "message": message}
        if line > 0 and len(self.diagnostics) < 50 and d not in self.diagnostics:
            self.diagnostics.append({"line": line, "col": col, "message": message})


# The events that carry the program line that caused them (core/emit.go).
CAUSED_BY_PROGRAM = frozenset((
    "cb.schedule", "cb.cancel", "fut.create", "fut.done", "task.create", "task.suspend",
    "task.cancel", "output", "loop.stop", "sync.wait", "sync.acquire", "sync.release",
    "queue.put", "queue.get", "step.block",
))


# Code objects where a search for the program's line stops: the loop's
# iteration (what a callback does was not caused by the line that started
# the loop).
BOUNDARIES = set()


def program_line(frame=None):
    """The line of the innermost program frame on the stack, or 0."""
    f = frame or sys._getframe(1)
    while f is not None:
        code = f.f_code
        if code.co_filename == MAIN:
            return f.f_lineno
        if code in BOUNDARIES:
            return 0
        f = f.f_back
    return 0


def program_pos(frame=None):
    """"main.py:N" of the innermost program frame on the stack, or ""."""
    line = program_line(frame or sys._getframe(1))
    return "%s:%d" % (MAIN, line) if line else ""


# Frames of asyncio's pure-Python Future and Task, which Loopscope's
# traced ones build on: CPython runs its C Future and Task, which have no
# frames, so its tracebacks never show these.
_C_IN_CPYTHON = {("futures.py", "result"), ("futures.py", "exception"), ("futures.py", "__await__"),
                 ("tasks.py", "__step"), ("tasks.py", "__step_run_and_handle_result"), ("tasks.py", "__wakeup")}


def c_in_cpython(code):
    path = code.co_filename.replace("\\", "/")
    return "/asyncio/" in path and (path.rsplit("/", 1)[-1], code.co_name) in _C_IN_CPYTHON


def without_c_frames(tb):
    """tb without the frames CPython's C Future and Task do not have."""
    while tb is not None and c_in_cpython(tb.tb_frame.f_code):
        tb = tb.tb_next
    t = tb
    while t is not None:
        while t.tb_next is not None and c_in_cpython(t.tb_next.tb_frame.f_code):
            t.tb_next = t.tb_next.tb_next
        t = t.tb_next
    return tb


_real_sleep = time.sleep

# Python in the browser runs a whole run as one call, so nothing else of
# the worker runs while a step spins: the worker's hook on CPython's
# periodic signal check (python.worker.ts) calls tick every few tens of ms
# instead. It sends the page what the run has traced so far and where the
# program is (which Stop, terminating the worker, then names), and past
# the wall limit it answers WALL_SIGNAL, whose handler (set for each run)
# ends the program at the line it spins on.
WALL_SIGNAL = signal.SIGUSR2


def tick():
    tr = _tracer
    if tr is None or not tr.live:
        return 0
    frame = sys._getframe(1)
    if tr.on_batch is not None and not tr.flushing:
        tr.send(tr.running_msg(frame))
        tr.flush()
    if time.monotonic() > tr.deadline:
        return WALL_SIGNAL
    return 0


def real_sleep(secs):
    """time.sleep as the runner does it (Tracer.sleep) while a run is on."""
    tr = _tracer
    if tr is None or not tr.live:
        _real_sleep(secs)
    else:
        tr.sleep(secs)


def on_wall_signal(signum, frame):
    tr = _tracer
    if tr is not None and tr.live:
        tr.check_wall(frame)


_tracer = None

# Called with (tracer, event) after each event is recorded; the loop-state
# fixtures (web/python/tests/test_loopstate.py) read the loop's real state
# there.
observer = None


def tracer():
    return _tracer


def set_tracer(t):
    global _tracer
    _tracer = t
