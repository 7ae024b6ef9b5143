# Cancelling a task that waits for a lock: it never gets the lock, the
# others still get it in order.
import asyncio

async def waiter(lock, name):
    try:
        async with lock:
            print(name, "acquired")
            await asyncio.sleep(0)
    except asyncio.CancelledError:
        print(name, "cancelled while waiting")
        raise

async def main():
    lock = asyncio.Lock()
    await lock.acquire()
    ts = [asyncio.create_task(waiter(lock, n)) for n in ("a", "b", "c")]
    await asyncio.sleep(0)
    ts[1].cancel()
    await asyncio.sleep(0)
    lock.release()
    await asyncio.gather(*ts, return_exceptions=True)
    print("locked:", lock.locked())

asyncio.run(main())
