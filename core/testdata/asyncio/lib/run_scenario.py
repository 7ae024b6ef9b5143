# How TestPythonPins runs a scenario: under VirtualLoop, so timers that are
# due together fire together however loaded the machine is (CI once saw two
# 0.1 s sleeps started microseconds apart end in different loop iterations).
# A scenario about real time itself says "# clock: real" on a line of its own.
import asyncio, os, runpy, sys

script = sys.argv[1]
sys.path.insert(0, os.path.dirname(os.path.abspath(script)))

from lib.virtual_loop import VirtualLoop

class VirtualPolicy(asyncio.DefaultEventLoopPolicy):
    def new_event_loop(self):
        return VirtualLoop()

with open(script) as f:
    real_clock = any(line.strip() == "# clock: real" for line in f)
if not real_clock:
    asyncio.set_event_loop_policy(VirtualPolicy())
sys.argv = [script]
runpy.run_path(script, run_name="__main__")
