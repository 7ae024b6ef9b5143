# How TestPythonPins runs a scenario: under VirtualLoop, so timers that are
# due together fire together however loaded the machine is (CI once saw two
# 0.1 s sleeps started microseconds apart end in different loop iterations).
# A scenario about real time itself says "# clock: real" on a line of its own.
# Orders CPython leaves to set iteration are fixed first (lib/creation_order.py).
import asyncio, os, runpy, sys

script = sys.argv[1]
sys.path.insert(0, os.path.dirname(os.path.abspath(script)))

from lib import creation_order
from lib.virtual_loop import VirtualLoop

with open(script) as f:
    real_clock = any(line.strip() == "# clock: real" for line in f)

class ScenarioPolicy(asyncio.DefaultEventLoopPolicy):
    def new_event_loop(self):
        if not real_clock:
            return VirtualLoop()
        loop = super().new_event_loop()
        loop.set_task_factory(creation_order.task_factory)
        return loop

creation_order.install()
asyncio.set_event_loop_policy(ScenarioPolicy())
sys.argv = [script]
runpy.run_path(script, run_name="__main__")
