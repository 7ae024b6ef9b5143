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

# as_completed hands results out in the order the tasks finish.
async def main():
    start()
    loop = asyncio.get_running_loop()
    ts = [loop.create_task(work(n, d, fail=(n == "b")), name=n)
          for n, d in (("a", 0.3), ("b", 0.2), ("c", 0.1), ("d", 0.4))]
    for aw in asyncio.as_completed(ts):
        try:
            r = await aw
            print(now(), "next:", r)
        except ValueError as e:
            print(now(), "next raised", desc(e))
run(main())
