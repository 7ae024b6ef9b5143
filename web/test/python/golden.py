# The golden form of a Python example's run, as wasm/runner's goldens are
# for Go: outcome, message, output lines (who printed them, at which event)
# and the trace without real times. Used by web/python/tests/test_examples.py
# (native CPython, writes the files with UPDATE_GOLDEN=1) and by
# examples.test.mjs (Pyodide), which must match the same files.
import json
import os
import tempfile

import loopscope


def golden_text(r):
    lines = ["outcome: " + r["outcome"], "message: " + r["message"], "--- output"]
    for o in r["output"]:
        lines.append("[in %d, seq %d] %s" % (o.get("in", 0), o.get("seq", 0), o["text"]))
    lines.append("--- diagnostics")
    for d in r["diagnostics"]:
        lines.append("%d:%d: %s" % (d["line"], d["col"], d["message"]))
    lines.append("--- trace")
    lines.append("[")
    evs = [{k: v for k, v in e.items() if k != "wall"} for e in r["events"]]
    for i, e in enumerate(evs):
        lines.append(json.dumps(e, ensure_ascii=False, separators=(",", ":")) + ("," if i < len(evs) - 1 else ""))
    lines.append("]")
    return "\n".join(lines) + "\n"


def example_clock(readme):
    with open(readme) as f:
        for line in f:
            if line.strip() == "clock: real":
                return "real"
    return "virtual"


def run_example(folder):
    """Runs folder/main.py in a scratch directory (the download examples
    write files) and returns its golden text."""
    with open(os.path.join(folder, "main.py")) as f:
        src = f.read()
    clock = example_clock(os.path.join(folder, "README.md"))
    cwd = os.getcwd()
    with tempfile.TemporaryDirectory() as tmp:
        os.chdir(tmp)
        try:
            return golden_text(loopscope.run(src, clock))
        finally:
            os.chdir(cwd)
