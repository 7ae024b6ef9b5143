import asyncio

from lib.virtual_loop import VirtualLoop, run

from lib.scenario import now, desc, start, work

# asyncio.timeout cancels the body at the deadline; the body sees
# CancelledError, the caller a TimeoutError; the task is not left cancelling.
async def main():
    start()
    try:
        async with asyncio.timeout(0.2):
            try:
                await asyncio.sleep(1)
            except asyncio.CancelledError:
                print(now(), "body sees CancelledError")
                raise
    except TimeoutError as e:
        print(now(), "caught", desc(e))
    print("cancelling:", asyncio.current_task().cancelling())
    async with asyncio.timeout(0.5):
        await asyncio.sleep(0.1)
    print(now(), "in time")
    await asyncio.sleep(1)
    print(now(), "the old deadline did not fire")
run(main())
