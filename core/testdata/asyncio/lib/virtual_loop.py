# Shared by the pinned scenarios: CPython's own loop with a virtual clock.
import asyncio

from lib import creation_order

class VirtualLoop(asyncio.SelectorEventLoop):
    """asyncio's own loop with a virtual clock, like core's VirtualClock:
    instead of sleeping until the next timer, time jumps there. Only the
    clock changes; the scheduling is CPython's, and runs are deterministic
    however loaded the machine is."""
    def __init__(self):
        super().__init__()
        self._now = 0.0
        poll = self._selector.select
        def select(timeout=None):
            if timeout is None:
                return poll(None)
            self._now += max(timeout, 0)
            return poll(0)
        self._selector.select = select
        self.set_task_factory(creation_order.task_factory)

    def time(self):
        return self._now

def run(coro):
    with asyncio.Runner(loop_factory=VirtualLoop) as runner:
        return runner.run(coro)
