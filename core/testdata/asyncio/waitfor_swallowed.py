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

# If the inner task swallows the cancellation and returns, wait_for returns
# that value instead of raising TimeoutError (3.11).
async def main():
    start()
    loop = asyncio.get_running_loop()
    async def stubborn():
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            print(now(), "stubborn: ignoring the cancellation")
            await asyncio.sleep(0.1)
            return "partial"
        return "full"
    t = loop.create_task(stubborn(), name="stubborn")
    r = await asyncio.wait_for(t, 0.2)
    print(now(), "wait_for returned", r)
    async def failing():
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            raise ValueError("cleanup failed")
    t2 = loop.create_task(failing(), name="failing")
    try:
        await asyncio.wait_for(t2, 0.2)
    except Exception as e:
        print(now(), "wait_for raised", desc(e))
run(main())
