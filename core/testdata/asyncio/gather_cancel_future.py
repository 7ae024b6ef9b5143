import asyncio

from lib.virtual_loop import VirtualLoop, run

from lib.scenario import now, desc, start, work

# Cancelling the gather future itself cancels its children; the gather then
# fails with CancelledError, but (with return_exceptions=False) it reports
# itself as not cancelled: the error came from a child.
async def main():
    start()
    loop = asyncio.get_running_loop()
    a = loop.create_task(work("a", 1), name="a")
    b = loop.create_task(work("b", 2), name="b")
    g = asyncio.gather(a, b)
    await asyncio.sleep(0.1)
    print(now(), "cancel:", g.cancel())
    print("done right after cancel?", g.done())
    try:
        await g
    except asyncio.CancelledError as e:
        print(now(), "await gather:", desc(e))
    print("gather cancelled?", g.cancelled(), "a cancelled?", a.cancelled(), "b cancelled?", b.cancelled())
    print("cancel again:", g.cancel())
    g2 = asyncio.gather(loop.create_task(work("x", 1), name="x"), return_exceptions=True)
    await asyncio.sleep(0)
    g2.cancel()
    try:
        await g2
    except asyncio.CancelledError:
        print(now(), "return_exceptions gather still raises CancelledError")
run(main())
