# Shared by the pinned scenarios: time since start(), how errors print, and
# the worker most combinator scenarios gather, wait for or cancel.
import asyncio

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
