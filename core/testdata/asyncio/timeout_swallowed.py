import asyncio

from lib.virtual_loop import VirtualLoop, run

from lib.scenario import now, desc, start, work

# A body that swallows the timeout's cancellation ends normally: no error.
async def main():
    start()
    async with asyncio.timeout(0.1):
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            print(now(), "body swallows the cancellation")
    print(now(), "after the block; cancelling:", asyncio.current_task().cancelling())
run(main())
