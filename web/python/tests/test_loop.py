# The prelude under the native CPython (/usr/bin/python3): the loop's trace
# and outcomes, without Pyodide. `make test-python` runs these.
import os
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
ROOT = os.path.join(HERE, "..", "..", "..")
# The introduction's programs, quoted in shared/ beside the clone (CI) or
# two levels up (a worktree).
SEEDS = next((p for p in (os.path.join(ROOT, "..", "shared", "seed-examples"),
                          os.path.join(ROOT, "..", "..", "shared", "seed-examples")) if os.path.isdir(p)),
             "shared/seed-examples not found beside the repository")

import loopscope  # noqa: E402


def run(src, clock="virtual", **kw):
    return loopscope.run(src, clock, **kw)


def texts(r):
    return [o["text"] for o in r["output"]]


def kinds(r, kind):
    return [e for e in r["events"] if e["kind"] == kind]


class LoopTest(unittest.TestCase):
    def setUp(self):
        self.cwd = os.getcwd()
        self.tmp = tempfile.TemporaryDirectory()
        os.chdir(self.tmp.name)  # where the runs' own directories must leave nothing

    def tearDown(self):
        os.chdir(self.cwd)
        self.tmp.cleanup()

    def test_sleep_is_instant_and_traced(self):
        r = run("import asyncio\nasync def main():\n    await asyncio.sleep(300)\n    print('woke', asyncio.get_running_loop().time())\nasyncio.run(main())\n")
        self.assertEqual(r["outcome"], "ok", r["message"])
        self.assertEqual(texts(r), ["woke 300.0"])
        step = kinds(r, "task.step")
        self.assertEqual(step[0]["name"], "Task-1")
        sus = kinds(r, "task.suspend")[0]
        self.assertEqual((sus["value"], sus["pos"]), ("sleep 300s", "main.py:3"))
        self.assertEqual(step[1]["ref"], sus["ref"])  # woken by the sleep's future
        out = kinds(r, "output")[0]
        self.assertEqual(out["in"], step[0]["id"])
        self.assertEqual(out["t"], 300_000_000_000)

    def test_get_event_loop_is_loopscopes(self):
        r = run("import asyncio\nprint(type(asyncio.get_event_loop()).__name__)\nprint(type(asyncio.new_event_loop()).__name__)\n")
        self.assertEqual(texts(r), ["LoopscopeLoop", "LoopscopeLoop"])

    def test_stuck_names_the_waiter(self):
        r = run("import asyncio\nasync def main():\n    reply = asyncio.get_running_loop().create_future()\n    await reply\nasyncio.run(main())\n")
        self.assertEqual(r["outcome"], "deadlock")
        self.assertEqual(r["message"], 'deadlock: nothing can ever run again: task "Task-1" waits on future "reply", which nothing will resolve')
        self.assertEqual(kinds(r, "diag")[0]["detail"], "stuck")

    def test_lock_waits_are_traced(self):
        r = run("import asyncio\nasync def w(lock, n):\n    async with lock:\n        await asyncio.sleep(1)\n        print(n)\n"
                "async def main():\n    account = asyncio.Lock()\n    await asyncio.gather(w(account, 'a'), w(account, 'b'))\nasyncio.run(main())\n")
        self.assertEqual(texts(r), ["a", "b"])
        self.assertEqual([(e["kind"], e["name"]) for e in r["events"] if e["kind"].startswith("sync.")],
                         [("sync.acquire", 'lock "account"'), ("sync.wait", 'lock "account"'), ("sync.release", 'lock "account"'),
                          ("sync.acquire", 'lock "account"'), ("sync.release", 'lock "account"')])

    def test_blocking_sleep_charges_the_clock(self):
        r = run("import asyncio, time\nasync def main():\n    time.sleep(2)\n    print(asyncio.get_running_loop().time())\nasyncio.run(main())\n")
        self.assertEqual(texts(r), ["2.0"])
        d = kinds(r, "step.block")[0]
        self.assertEqual((d["dur"], d["pos"], d["t"]), (2_000_000_000, "main.py:3", 0))
        self.assertEqual(r["diagnostics"][0]["line"], 3)

    def test_slow_step_on_the_real_clock(self):
        r = run("import asyncio, time\nasync def main():\n    t = time.monotonic()\n    while time.monotonic() - t < 0.15:\n        pass\nasyncio.run(main())\n", "real")
        d = [e for e in kinds(r, "diag") if e["detail"] == "slow"]
        self.assertEqual(len(d), 1, r["events"])
        self.assertGreaterEqual(d[0]["dur"], 150_000_000)
        self.assertEqual(d[0]["id"], kinds(r, "task.create")[0]["id"])

    def test_syntax_error(self):
        r = run("import asyncio\nprint('x'\n")
        self.assertEqual(r["outcome"], "compile-error")
        self.assertEqual(r["diagnostics"][0]["line"], 2)
        self.assertTrue(r["message"].startswith("main.py:2:"), r["message"])

    def test_uncaught_exception_marks_its_line(self):
        r = run("import asyncio\nasync def main():\n    await asyncio.sleep(1)\n    1 / 0\nasyncio.run(main())\n")
        self.assertEqual(r["outcome"], "error")
        self.assertEqual(r["message"], "ZeroDivisionError: division by zero (main.py:4)")
        self.assertEqual(r["diagnostics"][0]["line"], 4)
        self.assertIn("Traceback (most recent call last):", texts(r))
        self.assertFalse(any("loopscope" in t for t in texts(r)), texts(r))
        fail = kinds(r, "loop.fail")[0]
        self.assertEqual((fail["name"], fail["detail"], fail["value"]), ("Task-1", "exception", "ZeroDivisionError: division by zero"))

    def test_no_keyboard_input(self):
        # As CPython with an empty stdin: input() raises EOFError (saying
        # why), sys.stdin reads nothing; the next run has its own stdin.
        r = run("import asyncio\nasync def main():\n    name = input('name? ')\nasyncio.run(main())\n")
        self.assertEqual(r["outcome"], "error")
        self.assertTrue(r["message"].startswith("EOFError: EOF when reading a line: the playground has no keyboard input"), r["message"])
        self.assertEqual(r["diagnostics"][0]["line"], 3)
        self.assertEqual(texts(r)[0], "name? ")
        self.assertEqual(texts(run("import sys\nprint(repr(sys.stdin.read()))\n")), ["''"])
        self.assertIs(sys.stdin, sys.__stdin__)

    def test_what_fails_on_a_current_python_is_warned_at_its_line(self):
        # The introduction's 2017 idioms run here, but not on CPython 3.11:
        # a warning at the line says so, and the run still goes on.
        r = run("import asyncio\n\n@asyncio.coroutine\ndef old():\n    yield from asyncio.sleep(0)\n    print('old ran')\n\n"
                "async def main():\n    await asyncio.wait([old(), old()])\n\nasyncio.run(main())\n")
        self.assertEqual(r["outcome"], "ok", r["message"])
        self.assertEqual(texts(r), ["old ran", "old ran"])
        got = {d["line"]: d["message"] for d in r["diagnostics"]}
        self.assertTrue(got[3].startswith("@asyncio.coroutine was removed in Python 3.11"), got)
        self.assertTrue(got[9].startswith("asyncio.wait() of coroutines fails in Python 3.11 (TypeError"), got)
        self.assertEqual(run("import asyncio\nasync def f():\n    pass\nasync def main():\n    await asyncio.wait([asyncio.create_task(f())])\nasyncio.run(main())\n")["diagnostics"], [])

    def test_runtime_frames_stay_out_of_tracebacks(self):
        from loopscope import runner
        self.assertTrue(runner._runtime_file("/lib/python312.zip/pyodide/webloop.py"))
        self.assertTrue(runner._runtime_file("/lib/python3.12/site-packages/loopscope/loop.py"))
        self.assertFalse(runner._runtime_file("/lib/python312.zip/asyncio/runners.py"))
        self.assertFalse(runner._runtime_file("main.py"))

    def test_never_awaited(self):
        r = run("import asyncio\nasync def f():\n    pass\nf()\n")
        d = kinds(r, "diag")
        self.assertEqual(d[0]["detail"], "never-awaited")
        self.assertEqual(r["diagnostics"][0]["line"], 4)

    def test_limits_keep_what_was_produced(self):
        r = run("i = 0\nwhile True:\n    print(i)\n    i += 1\n", limits={"outputBytes": 1000})
        self.assertEqual((r["outcome"], r["limit"]), ("limit", "output"))
        self.assertEqual(texts(r)[:3], ["0", "1", "2"])
        r = run("import asyncio\nloop = asyncio.new_event_loop()\ndef f():\n    loop.call_soon(f)\nf()\nloop.run_forever()\n", limits={"events": 500})
        self.assertEqual((r["outcome"], r["limit"]), ("limit", "events"))
        self.assertEqual(len(r["events"]), 500)

    def test_bad_input_ends_clearly(self):
        r = run("import os\nprint('before')\nos._exit(1)\n")
        self.assertEqual((r["outcome"], r["message"], texts(r)), ("error", "exit status 1", ["before"]))
        big = "x = 0\n" * (64 * 1024 // 6) + "print(x)\n"
        self.assertGreaterEqual(len(big), 64 * 1024)
        self.assertEqual(texts(run(big)), ["0"])
        r = run("def f(n):\n    return f(n + 1)\nf(0)\n")
        self.assertEqual(r["outcome"], "error")
        self.assertTrue(r["message"].startswith("RecursionError"), r["message"])
        self.assertEqual(r["diagnostics"][0]["line"], 2)
        self.assertEqual(texts(run("print('next run works')\n")), ["next run works"])

    def test_unretrieved_and_pending_read_as_in_cpython(self):
        r = run("import asyncio\nasync def boom():\n    raise ValueError('x')\nasync def main():\n    asyncio.create_task(boom())\n"
                "    await asyncio.sleep(1)\nasyncio.run(main())\n")
        self.assertEqual(texts(r)[0], "Task exception was never retrieved")
        d = kinds(r, "diag")[0]
        self.assertEqual((d["detail"], d["value"]), ("unretrieved", 'Task exception was never retrieved: ValueError: x (task "Task-2")'))
        r = run("import asyncio\nasync def forever():\n    await asyncio.sleep(100)\nloop = asyncio.new_event_loop()\n"
                "t = loop.create_task(forever())\nloop.run_until_complete(asyncio.sleep(1))\nloop.close()\n")
        self.assertEqual(texts(r)[0], "Task was destroyed but it is pending!")
        self.assertEqual(kinds(r, "diag")[0]["detail"], "pending")

    def test_rerun_names_tasks_from_one(self):
        src = "import asyncio\nasync def main():\n    print(asyncio.current_task().get_name())\nasyncio.run(main())\n"
        self.assertEqual(texts(run(src)), ["Task-1"])
        self.assertEqual(texts(run(src)), ["Task-1"])

    def test_task_names_are_cpythons(self):
        # asyncio.run's clean-up runs two tasks asyncio names Task-2 and
        # Task-3, so a second run's main task is Task-4 (as /usr/bin/python3
        # prints); what each task runs is task.create's value.
        src = ("import asyncio\nasync def m():\n    print(asyncio.current_task().get_name())\n"
               "asyncio.run(m())\nasyncio.run(m())\n")
        r = run(src)
        self.assertEqual(texts(r), ["Task-1", "Task-4"])
        made = [(e["name"], e.get("value")) for e in kinds(r, "task.create")]
        self.assertEqual(made[:4], [("Task-1", "m()"), ("Task-2", "loop.shutdown_asyncgens()"),
                                    ("Task-3", "loop.shutdown_default_executor()"), ("Task-4", "m()")])
        r = run("import asyncio\nclass Shop:\n    async def open(self):\n        pass\n"
                "async def main():\n    await asyncio.create_task(Shop().open(), name='door')\nasyncio.run(main())\n")
        self.assertEqual([(e["name"], e.get("value")) for e in kinds(r, "task.create")][:2], [("Task-1", "main()"), ("door", "Shop.open()")])
        # The call as written: numbers and strings as literals (a long
        # string's end), anything else "…", keyword-only arguments by name.
        r = run("import asyncio\nasync def job(name, n, lock, url, *more, fast=True):\n    pass\n"
                "async def main():\n    await asyncio.gather(job('slow', 2, asyncio.Lock(), 'https://example.com/files/a.pdf', 7, fast=None))\n"
                "asyncio.run(main())\n")
        self.assertEqual(kinds(r, "task.create")[1]["value"], "job('slow', 2, …, '…/a.pdf', 7, fast=None)")

    def test_a_loop_left_open_dies_quietly(self):
        # As CPython exiting: no "Task was destroyed" for its pending task,
        # neither in the run's output nor written after the run.
        import contextlib
        import gc
        import io
        after = io.StringIO()
        with contextlib.redirect_stderr(after):
            r = run("import asyncio\nasync def forever():\n    await asyncio.sleep(100)\nloop = asyncio.new_event_loop()\n"
                    "t = loop.create_task(forever())\nloop.run_until_complete(asyncio.sleep(1))\nprint('end')\n")
            gc.collect()
        self.assertEqual(texts(r), ["end"])
        self.assertEqual(after.getvalue(), "")

    def test_the_worker_bundles_every_module(self):
        # The browser's worker writes the modules web/src/python/prelude.ts imports.
        with open(os.path.join(ROOT, "web", "src", "python", "prelude.ts")) as f:
            prelude = f.read()
        here = os.path.join(ROOT, "web", "python", "loopscope")
        for name in sorted(os.listdir(here)):
            if name.endswith(".py"):
                self.assertIn('"%s": ' % name, prelude)
                self.assertIn('from "../../python/loopscope/%s";' % name, prelude)

    def test_introduction_programs(self):
        want = {
            "call_soon.py": ["starting event loop", "Event handler called", "Event handler called", "stopping the loop", "closing event loop"],
            "my_task.py": ["task creation started", "This task is taking 2 seconds to complete", "The task's result was: task finished"],
            "urllib_download.py": ["Finished downloading f1040%s.pdf" % s for s in ("", "a", "ez", "es", "sb")],
            "aiohttp_download.py": [],
        }
        for name, lines in want.items():
            with open(os.path.join(SEEDS, name)) as f:
                source = f.read()
            if name == "urllib_download.py":
                # The simulated download wrote a real file, in the run's own
                # directory (workdir.py), gone with it after the run.
                source += "\nimport os\nprint(os.path.getsize('f1040.pdf') > 1000)\n"
                lines = lines + ["True"]
            r = run(source)
            self.assertEqual((r["outcome"], texts(r)), ("ok", lines), name)
        self.assertEqual(os.listdir("."), [], "the runs left nothing behind")


if __name__ == "__main__":
    unittest.main()
