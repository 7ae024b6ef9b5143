# The warnings panel's Python programs (web/python/testdata/warnings, one per
# kind of warning, twins of wasm/runner/testdata/warnings): their traces are
# the unit test's fixtures (web/test/unit/fixtures/warnings/NAME_py.json;
# UPDATE_GOLDEN=1 rewrites them), and what they print is what
# /usr/bin/python3 prints. Then what the loop reports about a swallowed
# cancellation and a task nobody awaited, against CPython's semantics: what
# is a swallow (and what is clean-up, or asyncio passing it on), what is
# awaited.
import glob
import io
import json
import os
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..", "..")
sys.path.insert(0, os.path.join(ROOT, "web", "python"))
import loopscope  # noqa: E402
from test_examples import check_golden  # noqa: E402

PROGRAMS = os.path.join(ROOT, "web", "python", "testdata", "warnings")
FIXTURES = os.path.join(ROOT, "web", "test", "unit", "fixtures", "warnings")
# CPython never ends these: nothing can run again, and select() waits forever.
HANGS = {"stuck", "cycle"}


def run(src, stderr=None):
    """Loopscope's run, stdout apart from stderr (asyncio's reports)."""
    return loopscope.run(src, stderr=stderr if stderr is not None else io.StringIO())


def diags(r, detail):
    return [e for e in r["events"] if e["kind"] == "diag" and e["detail"] == detail]


def line_of(src, text):
    return next(i + 1 for i, s in enumerate(src.split("\n")) if text in s)


class WarningProgramsTest(unittest.TestCase):
    def test_traces_are_the_fixtures(self):
        paths = sorted(glob.glob(os.path.join(PROGRAMS, "*.py")))
        self.assertEqual(len(paths), 8)
        for p in paths:
            name = os.path.basename(p)[:-3]
            with self.subTest(name), open(p) as f:
                r = loopscope.run(f.read())
                evs = [{k: v for k, v in e.items() if k != "wall"} for e in r["events"]]
                got = "[\n%s\n]\n" % ",\n".join(json.dumps(e, ensure_ascii=False, separators=(",", ":")) for e in evs)
                check_golden(self, name, got, os.path.join(FIXTURES, name + "_py.json"))

    def test_output_is_cpythons(self):
        for p in sorted(glob.glob(os.path.join(PROGRAMS, "*.py"))):
            name = os.path.basename(p)[:-3]
            if name in HANGS:
                continue
            with self.subTest(name), open(p) as f:
                native = subprocess.run(["/usr/bin/python3", p], capture_output=True, text=True, timeout=60)
                err = io.StringIO()
                r = run(f.read(), err)
                self.assertEqual(r["outcome"], "ok", r["message"])
                self.assertEqual("".join(o["text"] + "\n" for o in r["output"]), native.stdout)
                if name in ("unawaited", "pending"):
                    # asyncio's reports: the lost error, traceback and all;
                    # the tasks destroyed pending, where each waits.
                    self.assertEqual(err.getvalue(), native.stderr.replace(p, "main.py"))


class SwallowedCancelTest(unittest.TestCase):
    def test_caught_and_awaited_again(self):
        with open(os.path.join(PROGRAMS, "swallowed.py")) as f:
            src = f.read()
        r = run(src)
        [d] = diags(r, "ignored-cancel")
        self.assertEqual(d["name"], "stubborn")
        self.assertEqual(d["pos"], "main.py:%d" % line_of(src, "await asyncio.sleep(1)"))
        self.assertEqual(d["value"], 'task "stubborn" was cancelled but caught the CancelledError and awaited again: '
                         "the cancellation was ignored here (re-raise it, after any clean-up, to let the task end)")
        # Said as the task awaits again, in its step: just before that suspend, after what it printed.
        evs = r["events"]
        i = evs.index(d)
        self.assertEqual((evs[i + 1]["kind"], evs[i + 1]["id"]), ("task.suspend", d["id"]))
        self.assertEqual(d["in"], d["id"])
        self.assertEqual([e["value"] for e in evs[:i] if e["kind"] == "output"], ["ignoring: CancelledError('stop now')"])

    def test_returned_from_the_handler(self):
        r = run("import asyncio\nasync def quitter():\n    try:\n        await asyncio.sleep(10)\n"
                "    except asyncio.CancelledError:\n        return 'gave up'\n"
                "async def main():\n    t = asyncio.create_task(quitter())\n    await asyncio.sleep(1)\n"
                "    t.cancel()\n    print(await t, t.cancelled())\nasyncio.run(main())\n")
        self.assertEqual([o["text"] for o in r["output"]], ["gave up False"])  # as CPython
        [d] = diags(r, "ignored-cancel")
        self.assertEqual((d["pos"], d["name"]), ("main.py:4", "Task-2"))
        self.assertIn("was cancelled but finished without raising the CancelledError", d["value"])

    def test_each_cancellation_swallowed_is_said(self):
        r = run("import asyncio\nasync def worker():\n    for _ in range(5):\n        try:\n            await asyncio.sleep(1)\n"
                "        except asyncio.CancelledError:\n            print('ignoring')\n"
                "async def main():\n    t = asyncio.create_task(worker())\n    await asyncio.sleep(2.5)\n    t.cancel()\n"
                "    await asyncio.sleep(0.1)\n    t.cancel()\n    await t\nasyncio.run(main())\n")
        self.assertEqual([d["pos"] for d in diags(r, "ignored-cancel")], ["main.py:5", "main.py:5"])

    def test_not_a_swallow(self):
        """Clean-up that awaits before re-raising; a finally block; a
        TaskGroup, asyncio.timeout and wait_for passing the cancellation on;
        uncancel() on purpose; a task catching the CancelledError of a task
        it awaited (it was not cancelled itself). Outputs as CPython's."""
        src = (
            "import asyncio\n"
            "async def cleanup_then_raise():\n    try:\n        await asyncio.sleep(10)\n"
            "    except asyncio.CancelledError:\n        await asyncio.sleep(0.5)\n        print('cleaned')\n        raise\n"
            "async def in_finally():\n    try:\n        await asyncio.sleep(10)\n    finally:\n        await asyncio.sleep(0.2)\n        print('finally')\n"
            "async def boom():\n    await asyncio.sleep(0.1)\n    raise ValueError('boom')\n"
            "async def on_purpose():\n    try:\n        await asyncio.sleep(10)\n    except asyncio.CancelledError:\n"
            "        asyncio.current_task().uncancel()\n    await asyncio.sleep(1)\n    return 'on purpose'\n"
            "async def main():\n"
            "    for f in (cleanup_then_raise, in_finally):\n        t = asyncio.create_task(f())\n        await asyncio.sleep(1)\n        t.cancel()\n"
            "        try:\n            await t\n        except asyncio.CancelledError:\n            print('cancelled', t.cancelled())\n"
            "    try:\n        async with asyncio.TaskGroup() as tg:\n            tg.create_task(boom())\n            tg.create_task(in_finally())\n"
            "            await asyncio.sleep(5)\n    except* ValueError as eg:\n        print('group', eg.exceptions)\n"
            "    try:\n        async with asyncio.timeout(0.1):\n            await asyncio.sleep(1)\n    except TimeoutError:\n        print('timeout')\n"
            "    try:\n        await asyncio.wait_for(asyncio.sleep(1), 0.1)\n    except TimeoutError:\n        print('wait_for')\n"
            "    t = asyncio.create_task(on_purpose())\n    await asyncio.sleep(1)\n    t.cancel()\n    print(await t)\n"
            "asyncio.run(main())\n")
        r = run(src)
        self.assertEqual([o["text"] for o in r["output"]],
                         ["cleaned", "cancelled True", "finally", "cancelled True", "finally", "group (ValueError('boom'),)",
                          "timeout", "wait_for", "on purpose"])
        self.assertEqual(diags(r, "ignored-cancel"), [])


class NeverAwaitedTest(unittest.TestCase):
    def test_lost_value_error_and_work(self):
        with open(os.path.join(PROGRAMS, "unawaited.py")) as f:
            src = f.read()
        r = run(src)
        ids = {e["name"]: e["id"] for e in r["events"] if e["kind"] == "task.create"}
        got = [(d["detail"], d["id"], d.get("name"), d["value"]) for d in r["events"] if d["kind"] == "diag"]
        self.assertEqual(got, [
            ("unretrieved", ids["check"], None, 'Task exception was never retrieved: OSError: disk full (task "check")'),
            ("never-awaited", ids["save"], "save",
             'task "save" was never awaited: it had not finished when the main task returned, so asyncio.run cancelled it'),
            ("never-awaited", ids["count"], "count", 'task "count" was never awaited: it returned 42, which nothing used'),
        ])
        # Said as the loop closes, as core does.
        evs = r["events"]
        self.assertEqual(evs[evs.index(r["events"][-1])]["kind"], "loop.close")
        self.assertEqual(evs[-2]["detail"], "never-awaited")

    def test_what_counts_as_awaited(self):
        """await, gather, wait, result(), a done callback, a TaskGroup: each
        asks for the outcome. A worker idle on a queue when asyncio.run ends
        loses nothing."""
        r = run("import asyncio\nasync def v(x):\n    await asyncio.sleep(0.1)\n    return x\n"
                "async def consumer(q):\n    while True:\n        print('got', await q.get())\n"
                "async def main():\n    q = asyncio.Queue()\n    asyncio.create_task(consumer(q))\n"
                "    a = asyncio.create_task(v(1))\n    print(await a)\n"
                "    print(await asyncio.gather(asyncio.create_task(v(2))))\n"
                "    done, _ = await asyncio.wait([asyncio.create_task(v(3))])\n"
                "    c = asyncio.create_task(v(4))\n    await asyncio.sleep(1)\n    print(c.result())\n"
                "    d = asyncio.create_task(v(5))\n    d.add_done_callback(lambda t: None)\n"
                "    async with asyncio.TaskGroup() as tg:\n        tg.create_task(v(6))\n"
                "    await q.put('x')\n    await asyncio.sleep(0)\nasyncio.run(main())\n")
        self.assertEqual([o["text"] for o in r["output"]], ["1", "[2]", "4", "got x"])
        self.assertEqual(diags(r, "never-awaited"), [])

    def test_a_loop_closed_early_and_one_left_open(self):
        """run_until_complete and close, as the introduction's programs do: a
        finished task's value nobody read is said at close; one still
        pending is asyncio's own report, which now names what it waited on.
        A loop the program never closes says it at the run's end."""
        r = run("import asyncio\nasync def forever():\n    await asyncio.sleep(100)\nasync def val():\n    return 7\n"
                "loop = asyncio.new_event_loop()\nt = loop.create_task(forever())\nv = loop.create_task(val())\n"
                "loop.run_until_complete(asyncio.sleep(1))\nloop.close()\n")
        got = [(d["detail"], d["value"]) for d in r["events"] if d["kind"] == "diag"]
        self.assertEqual(got, [
            ("never-awaited", 'task "Task-2" was never awaited: it returned 7, which nothing used'),
            ("pending", 'Task was destroyed but it is pending! (the loop closed while task "Task-1" was waiting on future "sleep 100s")'),
        ])
        r = run("import asyncio\nasync def val():\n    return 'lost'\nloop = asyncio.get_event_loop()\n"
                "loop.create_task(val())\nloop.run_until_complete(asyncio.sleep(1))\n")
        self.assertEqual([d["value"] for d in diags(r, "never-awaited")], ["task \"Task-1\" was never awaited: it returned 'lost', which nothing used"])


class AwaitSelfTest(unittest.TestCase):
    def test_said_at_the_await(self):
        with open(os.path.join(PROGRAMS, "self.py")) as f:
            src = f.read()
        r = run(src)
        [d] = diags(r, "await-cycle")
        self.assertEqual((d["name"], d["pos"]), ("s", "main.py:%d" % line_of(src, "await asyncio.current_task()")))


if __name__ == "__main__":
    unittest.main()
