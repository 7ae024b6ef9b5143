# A waiter that was handed the lock but is cancelled before it runs passes
# the lock on to the next waiter (3.11's wake-up race).
import asyncio

async def waiter(lock, name):
    try:
        await lock.acquire()
    except asyncio.CancelledError:
        print(name, "cancelled; locked?", lock.locked())
        raise
    print(name, "acquired")
    lock.release()

async def main():
    lock = asyncio.Lock()
    await lock.acquire()
    a = asyncio.create_task(waiter(lock, "a"))
    b = asyncio.create_task(waiter(lock, "b"))
    await asyncio.sleep(0)
    lock.release()
    a.cancel()
    await asyncio.gather(a, b, return_exceptions=True)
    print("a cancelled:", a.cancelled(), "locked:", lock.locked())

asyncio.run(main())
