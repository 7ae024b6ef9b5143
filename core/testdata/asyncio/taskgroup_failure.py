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

# The first failure cancels the siblings and the body's pending await; the
# error comes out in an ExceptionGroup once every task is done.
async def main():
    start()
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(work("a", 1), name="a")
            tg.create_task(work("b", 0.2, fail=True), name="b")
            try:
                await asyncio.sleep(5)
            except asyncio.CancelledError:
                print(now(), "body cancelled")
                raise
    except* ValueError as eg:
        print(now(), "caught", desc(eg))
    print("cancelling:", asyncio.current_task().cancelling())
    await asyncio.sleep(0.1)
    print(now(), "main goes on")
run(main())
