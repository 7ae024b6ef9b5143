import asyncio

from lib.virtual_loop import VirtualLoop, run

from lib.scenario import now, desc, start, work

# Cancelling the task that awaits gather cancels every running child.
async def main():
    start()
    loop = asyncio.get_running_loop()
    a = loop.create_task(work("a", 0.1), name="a")
    b = loop.create_task(work("b", 1), name="b")
    c = loop.create_task(work("c", 2), name="c")
    async def waiter():
        try:
            return await asyncio.gather(a, b, c)
        except asyncio.CancelledError:
            print(now(), "waiter sees CancelledError")
            raise
    w = loop.create_task(waiter(), name="waiter")
    await asyncio.sleep(0.5)
    print(now(), "cancel waiter:", w.cancel())
    try:
        await w
    except asyncio.CancelledError:
        print(now(), "waiter cancelled:", w.cancelled())
    print("a:", a.result(), "b cancelled:", b.cancelled(), "c cancelled:", c.cancelled())
run(main())
