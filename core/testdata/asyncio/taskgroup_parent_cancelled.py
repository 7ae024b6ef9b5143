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

# Cancelling the task that runs a TaskGroup cancels the group's tasks, waits
# for them, and the cancellation comes out of the block.
async def main():
    start()
    loop = asyncio.get_running_loop()
    async def runner():
        try:
            async with asyncio.TaskGroup() as tg:
                tg.create_task(work("a", 1), name="a")
                print(now(), "body done, waiting for the group")
        except asyncio.CancelledError:
            print(now(), "runner: CancelledError out of the group")
            raise
    r = loop.create_task(runner(), name="runner")
    await asyncio.sleep(0.2)
    r.cancel()
    try:
        await r
    except asyncio.CancelledError:
        print(now(), "runner cancelled:", r.cancelled())
run(main())
