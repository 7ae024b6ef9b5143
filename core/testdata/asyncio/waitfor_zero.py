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

# A zero timeout: a done task gives its result, a pending one is cancelled
# (its cleanup awaited) and TimeoutError raised.
async def main():
    start()
    loop = asyncio.get_running_loop()
    t = loop.create_task(work("t", 0.5), name="t")
    try:
        await asyncio.wait_for(t, 0)
    except TimeoutError as e:
        print(now(), "zero:", desc(e), t.cancelled())
    t2 = loop.create_task(work("t2", 0.5), name="t2")
    try:
        await asyncio.wait_for(t2, -1)
    except TimeoutError as e:
        print(now(), "negative:", desc(e), t2.cancelled())
run(main())
