# Release hands the lock to the first waiter; until that waiter runs, the
# lock is free, yet neither the releaser nor a newcomer may take it.
import asyncio

async def waiter(lock, name):
    await lock.acquire()
    print(name, "acquired")
    await asyncio.sleep(0)
    lock.release()
    print(name, "released")

async def newcomer(lock):
    print("newcomer: locked?", lock.locked())
    await lock.acquire()
    print("newcomer acquired")
    lock.release()

async def main():
    lock = asyncio.Lock()
    await lock.acquire()
    w = asyncio.create_task(waiter(lock, "waiter"))
    await asyncio.sleep(0)
    lock.release()
    print("main released; locked?", lock.locked())
    n = asyncio.create_task(newcomer(lock))
    await lock.acquire()
    print("main re-acquired")
    lock.release()
    await asyncio.gather(w, n)

asyncio.run(main())
