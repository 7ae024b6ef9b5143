import asyncio

from lib.virtual_loop import VirtualLoop, run

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

# A child cancelled by someone else makes gather raise CancelledError in the
# caller, while the other children go on.
async def main():
    start()
    loop = asyncio.get_running_loop()
    a = loop.create_task(work("a", 0.3), name="a")
    b = loop.create_task(work("b", 1), name="b")
    loop.call_later(0.1, b.cancel)
    g = asyncio.gather(a, b)
    try:
        await g
    except asyncio.CancelledError:
        print(now(), "caller got CancelledError; gather cancelled?", g.cancelled())
    print("main task cancelling:", asyncio.current_task().cancelling())
    print(now(), "a still running?", not a.done())
    await a
    print(now(), "a:", a.result())
run(main())
