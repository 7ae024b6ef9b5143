# Every Python example (web/examples/*/ with lang: python) under the native
# CPython against its golden file; UPDATE_GOLDEN=1 writes them. The same
# files are checked in Pyodide by web/test/python/examples.test.mjs.
import glob
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..", "..")
sys.path.insert(0, os.path.join(ROOT, "web", "python"))
sys.path.insert(0, os.path.join(ROOT, "web", "test", "python"))
import golden  # noqa: E402

GOLDEN = os.path.join(ROOT, "web", "python", "testdata", "golden")


def python_examples():
    out = []
    for readme in sorted(glob.glob(os.path.join(ROOT, "web", "examples", "*", "README.md"))):
        with open(readme) as f:
            if any(line.strip() == "lang: python" for line in f):
                out.append(os.path.dirname(readme))
    return out


def check_golden(test, name, got, path):
    """Compares got with the file at path; UPDATE_GOLDEN=1 writes it instead."""
    if os.environ.get("UPDATE_GOLDEN"):
        with open(path, "w") as f:
            f.write(got)
        return
    with open(path) as f:
        test.assertEqual(got, f.read(), "%s differs from %s (UPDATE_GOLDEN=1 rewrites it)" % (name, path))


class ExamplesTest(unittest.TestCase):
    def test_examples_match_golden(self):
        folders = python_examples()
        self.assertGreaterEqual(len(folders), 13)
        os.makedirs(GOLDEN, exist_ok=True)
        for folder in folders:
            name = os.path.basename(folder)
            with self.subTest(name):
                check_golden(self, name, golden.run_example(folder), os.path.join(GOLDEN, name + ".golden"))


if __name__ == "__main__":
    unittest.main()
