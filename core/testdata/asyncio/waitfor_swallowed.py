import asyncio

from lib.virtual_loop import VirtualLoop, run

from lib.scenario import now, desc, start, work

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
