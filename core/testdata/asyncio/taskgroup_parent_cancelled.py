import asyncio

from lib.virtual_loop import VirtualLoop, run

from lib.scenario import now, desc, start, work

# Cancelling the task that runs a TaskGroup cancels the group's tasks, waits
# for them, and the cancellation comes out of the block.
async def main():
    start()
    loop = asyncio.get_running_loop()
    async def runner():
        try:
            async with asyncio.TaskGroup() as tg:
                tg.create_task(work("a", 1), name="a")
                print(now(), "body done, waiting for the group")
        except asyncio.CancelledError:
            print(now(), "runner: CancelledError out of the group")
            raise
    r = loop.create_task(runner(), name="runner")
    await asyncio.sleep(0.2)
    r.cancel()
    try:
        await r
    except asyncio.CancelledError:
        print(now(), "runner cancelled:", r.cancelled())
run(main())
