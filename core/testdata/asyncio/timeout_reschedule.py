import asyncio

from lib.virtual_loop import VirtualLoop, run

from lib.scenario import now, desc, start, work

# A running timeout can be moved: later, earlier (already past: it expires
# on the next iteration), or switched off with None; expired() tells whether
# it fired, and a timeout that has fired cannot be moved any more.
async def main():
    start()
    loop = asyncio.get_running_loop()
    async with asyncio.timeout(0.1) as cm:
        cm.reschedule(loop.time() + 0.5)
        await asyncio.sleep(0.3)
        print(now(), "still inside after 0.3; expired:", cm.expired())
        cm.reschedule(None)
        print("when is None:", cm.when() is None)
        await asyncio.sleep(1)
    print(now(), "no deadline, no timeout")
    try:
        async with asyncio.timeout(None) as cm:
            await asyncio.sleep(0.1)
            cm.reschedule(loop.time() - 1)
            print(now(), "moved into the past")
            await asyncio.sleep(1)
    except TimeoutError:
        print(now(), "TimeoutError; expired:", cm.expired())
    try:
        cm.reschedule(loop.time() + 1)
    except RuntimeError as e:
        print("reschedule after expiry:", type(e).__name__)
run(main())
