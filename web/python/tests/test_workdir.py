# workdir.py removes what a run added under /tmp and the home directory
# only under Pyodide: natively those are the machine's, and another program
# may be writing there at the same moment (workdir.test.mjs runs it under
# Pyodide).
import os
import shutil
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "web", "python"))
from loopscope import workdir  # noqa: E402


class WorkdirTest(unittest.TestCase):
    def setUp(self):
        self.root = tempfile.mkdtemp(prefix="loopscope-workdir-test-")
        self.addCleanup(shutil.rmtree, self.root, True)
        os.mkdir(os.path.join(self.root, "was"))
        open(os.path.join(self.root, "was", "kept"), "w").close()

    def write_during_run(self, roots=None):
        entered = workdir.enter(roots)
        try:
            open(os.path.join(self.root, "added"), "w").close()
            open(os.path.join(self.root, "was", "added"), "w").close()
            os.makedirs(os.path.join(self.root, "new", "deep"))
        finally:
            workdir.leave(entered)
        return sorted(os.path.relpath(os.path.join(d, n), self.root) for d, ds, fs in os.walk(self.root) for n in ds + fs)

    def test_natively_nothing_outside_the_run_directory_is_removed(self):
        self.assertEqual(self.write_during_run(), ["added", "new", "new/deep", "was", "was/added", "was/kept"])

    def test_what_a_run_added_under_a_root_goes_and_what_was_there_stays(self):
        self.assertEqual(self.write_during_run([self.root]), ["was", "was/kept"])

    def test_a_root_holding_the_interpreter_is_never_cleaned(self):
        self.assertFalse(workdir._safe_root("/"))
        self.assertFalse(workdir._safe_root(os.path.dirname(os.path.dirname(os.__file__))))
        self.assertTrue(workdir._safe_root(os.path.realpath(self.root)))


if __name__ == "__main__":
    unittest.main()
