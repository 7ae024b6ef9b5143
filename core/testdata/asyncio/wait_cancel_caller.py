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

# Cancelling the task inside wait cancels the wait, not the tasks waited on.
async def main():
    start()
    loop = asyncio.get_running_loop()
    a = loop.create_task(work("a", 0.5), name="a")
    async def waiter():
        try:
            await asyncio.wait([a])
        except asyncio.CancelledError:
            print(now(), "waiter cancelled")
            raise
    w = loop.create_task(waiter(), name="waiter")
    await asyncio.sleep(0.1)
    w.cancel()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print(now(), "a cancelled?", a.cancelled())
    await a
    try:
        await asyncio.wait([])
    except ValueError as e:
        print("empty:", type(e).__name__)
run(main())
