# notify(1) wakes only the first waiter; notify_all wakes the rest, in order.
# Each returns from wait() only once it holds the lock again.
import asyncio

async def waiter(cond, name):
    async with cond:
        print(name, "waits")
        await cond.wait()
        print(name, "notified, holds lock:", cond.locked())

async def main():
    cond = asyncio.Condition()
    ts = [asyncio.create_task(waiter(cond, n)) for n in ("a", "b", "c")]
    await asyncio.sleep(0)
    async with cond:
        print("notify(1)")
        cond.notify(1)
        await asyncio.sleep(0)
        print("main still holds the lock")
    await asyncio.sleep(0)
    async with cond:
        print("notify_all")
        cond.notify_all()
    await asyncio.gather(*ts)

asyncio.run(main())
