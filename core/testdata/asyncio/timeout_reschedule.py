import asyncio

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

    def time(self):
        return self._now

def run(coro):
    with asyncio.Runner(loop_factory=VirtualLoop) as runner:
        return runner.run(coro)

T0 = 0.0

def now():
    return "%.1f" % (asyncio.get_running_loop().time() - T0)

def desc(e):
    if isinstance(e, BaseExceptionGroup):
        return "ExceptionGroup(" + ", ".join(desc(x) for x in e.exceptions) + ")"
    s = str(e)
    return type(e).__name__ + (": " + s if s else "")

def start():
    global T0
    T0 = asyncio.get_running_loop().time()

async def work(name, d, fail=False):
    try:
        await asyncio.sleep(d)
    except asyncio.CancelledError:
        print(now(), name, "cancelled")
        raise
    if fail:
        print(now(), name, "fails")
        raise ValueError(name)
    print(now(), name, "done")
    return name

# A running timeout can be moved: later, earlier (already past: it expires
# on the next iteration), or switched off with None; expired() tells whether
# it fired, and a timeout that has fired cannot be moved any more.
async def main():
    start()
    loop = asyncio.get_running_loop()
    async with asyncio.timeout(0.1) as cm:
        cm.reschedule(loop.time() + 0.5)
        await asyncio.sleep(0.3)
        print(now(), "still inside after 0.3; expired:", cm.expired())
        cm.reschedule(None)
        print("when is None:", cm.when() is None)
        await asyncio.sleep(1)
    print(now(), "no deadline, no timeout")
    try:
        async with asyncio.timeout(None) as cm:
            await asyncio.sleep(0.1)
            cm.reschedule(loop.time() - 1)
            print(now(), "moved into the past")
            await asyncio.sleep(1)
    except TimeoutError:
        print(now(), "TimeoutError; expired:", cm.expired())
    try:
        cm.reschedule(loop.time() + 1)
    except RuntimeError as e:
        print("reschedule after expiry:", type(e).__name__)
run(main())
