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

# Cancelling the task that awaits gather cancels every running child.
async def main():
    start()
    loop = asyncio.get_running_loop()
    a = loop.create_task(work("a", 0.1), name="a")
    b = loop.create_task(work("b", 1), name="b")
    c = loop.create_task(work("c", 2), name="c")
    async def waiter():
        try:
            return await asyncio.gather(a, b, c)
        except asyncio.CancelledError:
            print(now(), "waiter sees CancelledError")
            raise
    w = loop.create_task(waiter(), name="waiter")
    await asyncio.sleep(0.5)
    print(now(), "cancel waiter:", w.cancel())
    try:
        await w
    except asyncio.CancelledError:
        print(now(), "waiter cancelled:", w.cancelled())
    print("a:", a.result(), "b cancelled:", b.cancelled(), "c cancelled:", c.cancelled())
run(main())
