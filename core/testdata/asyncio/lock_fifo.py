# Waiters get a Lock in the order they asked for it.
import asyncio

async def worker(lock, name):
    print(name, "wants the lock")
    async with lock:
        print(name, "has the lock")
        await asyncio.sleep(0.01)
        print(name, "releases")

async def main():
    lock = asyncio.Lock()
    await lock.acquire()
    tasks = [asyncio.create_task(worker(lock, f"w{i}")) for i in range(1, 5)]
    await asyncio.sleep(0)
    print("main releases; locked:", lock.locked())
    lock.release()
    await asyncio.gather(*tasks)
    print("locked at end:", lock.locked())

asyncio.run(main())
