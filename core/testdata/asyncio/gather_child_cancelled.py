import asyncio

from lib.virtual_loop import VirtualLoop, run

from lib.scenario import now, desc, start, work

# A child cancelled by someone else makes gather raise CancelledError in the
# caller, while the other children go on.
async def main():
    start()
    loop = asyncio.get_running_loop()
    a = loop.create_task(work("a", 0.3), name="a")
    b = loop.create_task(work("b", 1), name="b")
    loop.call_later(0.1, b.cancel)
    g = asyncio.gather(a, b)
    try:
        await g
    except asyncio.CancelledError:
        print(now(), "caller got CancelledError; gather cancelled?", g.cancelled())
    print("main task cancelling:", asyncio.current_task().cancelling())
    print(now(), "a still running?", not a.done())
    await a
    print(now(), "a:", a.result())
run(main())
