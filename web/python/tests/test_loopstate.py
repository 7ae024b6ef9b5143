# The loop's real state after every event of every Python example, beside
# its trace: web/test/unit/fixtures/loopstate/NAME_py.json, as
# wasm/runner/loopstate_test.go records core's for the Go examples.
# web/test/unit/loop-state.test.ts checks that the state the page rebuilds
# from the trace alone (timeline/loop-state.ts: the state panel, the
# narration) is this one at every event. UPDATE_GOLDEN=1 writes the files.
#
# What is read: the running task, the ready queue (asyncio's loop._ready:
# task steps, the program's callbacks, asyncio's own done-callbacks), the
# pending timers (loop._scheduled), every task's state, and the locks,
# semaphores, events, conditions and queues the trace has named (held,
# units left, set, waiter futures in line, items in the order they come
# out, unfinished items), in core's shape (core/state.go PrimState).
import glob
import json
import os
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..", "..")
sys.path.insert(0, os.path.join(ROOT, "web", "python"))
sys.path.insert(0, os.path.join(ROOT, "web", "test", "python"))
import golden  # noqa: E402
import loopscope  # noqa: E402
from loopscope import trace  # noqa: E402
from loopscope.loop import _unwrap  # noqa: E402
from loopscope.prims import kind_of  # noqa: E402
from loopscope.tasks import text_of  # noqa: E402
from loopscope.tasks import TracedTask  # noqa: E402
from test_examples import check_golden, python_examples  # noqa: E402

FIXTURES = os.path.join(ROOT, "web", "test", "unit", "fixtures", "loopstate")
MORE = os.path.join(ROOT, "web", "python", "testdata", "loopstate")
MORE_FIXTURES = os.path.join(ROOT, "web", "test", "unit", "fixtures", "loopstate-more")


def task_of_handle(h):
    cb = _unwrap(h._callback)
    owner = getattr(cb, "__self__", None)
    if isinstance(owner, TracedTask) and cb.__name__ in ("_Task__step", "_Task__wakeup"):
        return owner
    return None


def ready_item(h):
    task = task_of_handle(h)
    if task is not None:
        e = {"kind": "step", "id": task._ls_id}
    elif getattr(h, "_ls_site", None) is not None:
        e = {"kind": "internal", "ref": h._ls_ref, "site": h._ls_site}
    elif getattr(h, "_ls_id", 0):
        e = {"kind": "callback", "id": h._ls_id}
    else:
        e = {"kind": "untraced", "what": repr(h)}  # fails the comparison: every entry is traced
    if h._cancelled:
        e["cancelled"] = True
    return e


def snapshot(tr):
    loop = tr.loop
    if loop is None:
        return {"ready": [], "timers": [], "tasks": [], "prims": []}
    ready = [ready_item(h) for h in loop._ready]
    timers = sorted(({"id": h._ls_id, "due": h._ls_due} for h in loop._scheduled if not h._cancelled and h._ls_id),
                    key=lambda t: (t["due"], t["id"]))
    in_ready = {task_of_handle(h)._ls_id for h in loop._ready if task_of_handle(h) is not None}
    import asyncio
    tasks = []
    running = 0
    for t in sorted(asyncio.tasks._all_tasks, key=lambda t: t._ls_id):
        if t.done() or t.get_loop() is not loop or not t._ls_id:
            continue
        if t._ls_id in in_ready:
            e = {"id": t._ls_id, "state": "ready"}
        elif t._ls_id == tr.current:
            running = t._ls_id
            e = {"id": t._ls_id, "state": "running"}
        else:
            e = {"id": t._ls_id, "state": "waiting"}
        w = t._fut_waiter
        if e["state"] != "running" and w is not None and getattr(w, "_ls_id", 0):
            e["waitingOn"] = w._ls_id
        tasks.append(e)
    prims = [prim_state(pid, p) for pid, p in sorted(tr.prims.items())]
    s = {"ready": ready, "timers": timers, "tasks": tasks, "prims": prims}
    if running:
        s = {"running": running, **s}
    return s


def prim_state(pid, p):
    """A primitive's state as asyncio holds it, absent fields dropped as core's omitempty drops them."""
    kind = kind_of(p)
    ids = lambda futs: [f._ls_id for f in (futs or ())]  # noqa: E731
    e = {"id": pid, "kind": kind, "name": p.__dict__.get("_ls_name")}
    if kind == "lock":
        e.update(locked=p._locked, waiters=ids(p._waiters))
    elif kind == "semaphore":
        e.update(value=p._value, waiters=ids(p._waiters))
    elif kind == "event":
        e.update(set=p._value, waiters=ids(p._waiters))
    elif kind == "condition":
        e.update(waiters=ids(p._waiters))
    elif kind.endswith("queue"):
        items = list(p._queue)
        if kind == "lifo queue":
            items.reverse()
        e.update(getters=ids(p._getters), putters=ids(p._putters), joiners=ids(p._finished._waiters),
                 items=[text_of(i) for i in items], unfinished=p._unfinished_tasks)
    return {k: v for k, v in e.items() if v or k in ("id", "kind")}


def record(folder):
    """Runs the example, recording the loop's state after each event where it changed."""
    with open(os.path.join(folder, "main.py")) as f:
        src = f.read()
    clock = golden.example_clock(os.path.join(folder, "README.md"))
    return record_source(os.path.basename(folder), src, clock)


def record_source(name, src, clock="virtual"):
    states = []

    def observe(tr, ev):
        s = snapshot(tr)
        if not states or states[-1]["state"] != s:
            states.append({"seq": ev["seq"], "state": s})

    cwd = os.getcwd()
    trace.observer = observe
    try:
        with tempfile.TemporaryDirectory() as tmp:
            os.chdir(tmp)
            r = loopscope.run(src, clock)
    finally:
        os.chdir(cwd)
        trace.observer = None
    events = [{k: v for k, v in e.items() if k != "wall"} for e in r["events"]]
    line = lambda x: json.dumps(x, ensure_ascii=False, separators=(",", ":"))  # noqa: E731
    return ('{"example": %s,\n"events": [\n%s\n],\n"states": [\n%s\n]}\n' % (
        json.dumps(name), ",\n".join(map(line, events)), ",\n".join(map(line, states))))


class LoopStateTest(unittest.TestCase):
    def test_fixtures_match(self):
        for folder in python_examples():
            name = os.path.basename(folder)
            with self.subTest(name):
                check_golden(self, name, record(folder), os.path.join(FIXTURES, name + ".json"))

    def test_more_programs_match(self):
        # What the examples do not use: conditions, LIFO and priority
        # queues, bounded semaphores, an event cleared, waiters cancelled in line.
        for path in sorted(glob.glob(os.path.join(MORE, "*.py"))):
            name = os.path.basename(path)[:-3] + "_py"
            with self.subTest(name), open(path) as f:
                check_golden(self, name, record_source(name, f.read()), os.path.join(MORE_FIXTURES, name + ".json"))


if __name__ == "__main__":
    unittest.main()
