# The Python runner's start: Loopscope's loop installed, run_json (what the
# worker calls for each run) defined, and one run made so that the modules a
# run needs are imported before the learner's first Run. The worker runs it
# when it starts without a memory snapshot; the build runs it under node and
# keeps the interpreter's memory after it as the snapshot
# (build/pyodide-snapshot.mjs), so a start from the snapshot finds all of
# this done.
import json
import sys

import loopscope
from loopscope.trace import tick  # the worker's hook calls it while a run is on (python.worker.ts)

loopscope.install()


def run_json(request, post):
    r = json.loads(request)
    res = loopscope.run(r.get("source", ""), r.get("clock", "virtual"), r.get("limits") or {},
                        lambda batch: post(json.dumps(batch, ensure_ascii=False)))
    return json.dumps(res, ensure_ascii=False)


def after_snapshot():
    """A snapshot's memory is every visitor's: what was seeded when it was
    made (random's state) is seeded again."""
    rnd = sys.modules.get("random")
    if rnd is not None:
        rnd.seed()


WARM_UP = """import asyncio
async def main():
    await asyncio.sleep(0.1)
    print("warm")
asyncio.run(main())
"""

# A Python callback, not a JavaScript one: a snapshot cannot hold a
# reference to a JavaScript object.
run_json(json.dumps({"source": WARM_UP, "clock": "virtual"}), lambda batch: None)
