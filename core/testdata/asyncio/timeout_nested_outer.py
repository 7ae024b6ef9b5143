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

# Nested timeouts: when the outer deadline passes first, the inner timeout
# lets the CancelledError through and the outer one turns it into
# TimeoutError.
async def main():
    start()
    try:
        async with asyncio.timeout(0.2):
            try:
                async with asyncio.timeout(1):
                    await asyncio.sleep(2)
            except TimeoutError:
                print(now(), "inner timeout (wrong)")
            except asyncio.CancelledError:
                print(now(), "inner lets CancelledError through")
                raise
    except TimeoutError:
        print(now(), "outer timeout")
    print("cancelling:", asyncio.current_task().cancelling())
run(main())
