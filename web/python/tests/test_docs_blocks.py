# The docs' ```python playground blocks (web/docs/*.md) under the native
# CPython: each ends as its fence says (expect=, default ok) and prints
# something. The Go build checks the Go blocks the same way; these run here
# because the build has no Python. `make test-python` runs them.
import glob
import os
import re
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
DOCS = os.path.join(HERE, "..", "..", "docs")

import loopscope  # noqa: E402

FENCE = re.compile(r"^```python playground((?: [^\n]*)?)\n(.*?)^```$", re.M | re.S)


def blocks():
    for path in sorted(glob.glob(os.path.join(DOCS, "*.md"))):
        text = open(path, encoding="utf-8").read()
        for m in FENCE.finditer(text):
            flags = dict(w.split("=", 1) for w in m.group(1).split() if "=" in w)
            line = text.count("\n", 0, m.start()) + 1
            yield os.path.basename(path), line, flags, m.group(2)


class DocsBlocksTest(unittest.TestCase):
    def test_every_python_block_ends_as_its_fence_says(self):
        found = list(blocks())
        self.assertGreaterEqual(len(found), 10, "the docs have Python twins of their Go examples")
        for page, line, flags, code in found:
            with self.subTest(block=f"{page}:{line}"):
                r = loopscope.run(code, flags.get("clock", "virtual"))
                want = flags.get("expect", "ok")
                self.assertEqual(r["outcome"], want, f"{page}:{line}: {r['message']}")
                self.assertTrue(r["output"] or want != "ok", f"{page}:{line} printed nothing")
                self.assertTrue(r["events"], f"{page}:{line} made no loop events")


if __name__ == "__main__":
    unittest.main()
