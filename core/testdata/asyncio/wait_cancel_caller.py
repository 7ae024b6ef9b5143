import asyncio

from lib.virtual_loop import VirtualLoop, run

from lib.scenario import now, desc, start, work

# Cancelling the task inside wait cancels the wait, not the tasks waited on.
async def main():
    start()
    loop = asyncio.get_running_loop()
    a = loop.create_task(work("a", 0.5), name="a")
    async def waiter():
        try:
            await asyncio.wait([a])
        except asyncio.CancelledError:
            print(now(), "waiter cancelled")
            raise
    w = loop.create_task(waiter(), name="waiter")
    await asyncio.sleep(0.1)
    w.cancel()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print(now(), "a cancelled?", a.cancelled())
    await a
    try:
        await asyncio.wait([])
    except ValueError as e:
        print("empty:", type(e).__name__)
run(main())
