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

# An error in the body cancels the group's tasks and is reported last.
async def main():
    start()
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(work("a", 1), name="a")
            await asyncio.sleep(0.1)
            raise ValueError("body")
    except ExceptionGroup as eg:
        print(now(), desc(eg))
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(work("b", 0.1, fail=True), name="b")
            await asyncio.sleep(0.3)
    except ExceptionGroup as eg:
        print(now(), desc(eg))
run(main())
