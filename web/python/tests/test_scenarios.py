# core's pinned asyncio scenarios on Loopscope's loop under the native
# CPython: the fast check of what web/test/python/conformance.test.mjs
# checks in Pyodide. The scenarios listed in differences.json differ in
# the browser (no threads) and are checked there.
import glob
import json
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..", "..")
sys.path.insert(0, os.path.join(ROOT, "web", "python"))
sys.path.insert(0, os.path.join(ROOT, "web", "test", "python"))
import scenarios  # noqa: E402

DIR = os.path.join(ROOT, "core", "testdata", "asyncio")
with open(os.path.join(ROOT, "web", "test", "python", "differences.json")) as f:
    BROWSER_ONLY = json.load(f)


class ScenarioTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        scenarios.setup(DIR)

    def test_pinned_scenarios(self):
        paths = sorted(glob.glob(os.path.join(DIR, "*.py")))
        self.assertGreater(len(paths), 100)
        for p in paths:
            name = os.path.basename(p)[:-3]
            if name in BROWSER_ONLY and name != "tothread_ticks":
                continue  # needs threads, which the native run has
            with self.subTest(name):
                got = json.loads(scenarios.run_one(p))
                with open(p[:-3] + ".out") as f:
                    want = f.read()
                if name == "tothread_ticks":
                    self.assertEqual(got["outcome"], "deadlock")
                    continue
                self.assertEqual(got["out"], want, "%s: %s %s\n%s" % (name, got["outcome"], got["message"], got["stderr"]))


if __name__ == "__main__":
    unittest.main()
