# Runs core's pinned asyncio scenarios (core/testdata/asyncio/NAME.py) on
# Loopscope's loop, as Python mode runs a program: the same setup as
# lib/run_scenario.py (set orders fixed to creation order), with
# lib/virtual_loop.VirtualLoop being Loopscope's loop on its instant clock.
# Used inside Pyodide (conformance.test.mjs) and under /usr/bin/python3
# (web/python/tests/test_scenarios.py).
import io
import json
import os
import sys
import types

import loopscope
from loopscope.loop import LoopscopeLoop


def setup(scenario_dir):
    loopscope.install()
    sys.path.insert(0, scenario_dir)
    import asyncio
    vl = types.ModuleType("lib.virtual_loop")

    class VirtualLoop(LoopscopeLoop):
        def __init__(self):
            super().__init__("virtual")

    def run(coro):
        with asyncio.Runner(loop_factory=VirtualLoop) as runner:
            return runner.run(coro)

    vl.VirtualLoop, vl.run = VirtualLoop, run
    import lib
    sys.modules["lib.virtual_loop"] = vl
    lib.virtual_loop = vl
    from lib import creation_order
    creation_order.install()


def run_one(path):
    with open(path) as f:
        src = f.read()
    clock = "real" if any(line.strip() == "# clock: real" for line in src.splitlines()) else "virtual"
    err = io.StringIO()
    r = loopscope.run(src, clock, {"wallMs": 30000}, stderr=err)
    out = "".join(o["text"] + "\n" for o in r["output"])
    return json.dumps({"out": out, "outcome": r["outcome"], "message": r["message"], "stderr": err.getvalue()[-2000:]})


if __name__ == "__main__":
    d = sys.argv[1]
    setup(d)
    for p in sys.argv[2:]:
        print(p, run_one(p))
