import asyncio

from lib.virtual_loop import VirtualLoop, run

from lib.scenario import now, desc, start

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
