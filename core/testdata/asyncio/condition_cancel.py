# A waiter cancelled while waiting still takes the lock back before the
# cancellation reaches it.
import asyncio

async def waiter(cond):
    async with cond:
        try:
            await cond.wait()
        except asyncio.CancelledError:
            print("cancelled, holds lock:", cond.locked())
            raise

async def main():
    cond = asyncio.Condition()
    t = asyncio.create_task(waiter(cond))
    await asyncio.sleep(0)
    await cond.acquire()
    t.cancel()
    await asyncio.sleep(0)
    print("main releases")
    cond.release()
    try:
        await t
    except asyncio.CancelledError:
        print("task cancelled:", t.cancelled(), "locked:", cond.locked())

asyncio.run(main())
