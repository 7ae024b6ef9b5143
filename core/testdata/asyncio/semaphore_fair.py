# While tasks wait, a Semaphore counts as locked: a newcomer queues behind
# them even when a unit has just been released.
import asyncio

async def user(sem, name):
    await sem.acquire()
    print(name, "acquired")
    await asyncio.sleep(0)
    sem.release()

async def main():
    sem = asyncio.Semaphore(1)
    await sem.acquire()
    a = asyncio.create_task(user(sem, "a"))
    await asyncio.sleep(0)
    print("locked with a waiting:", sem.locked())
    sem.release()
    print("locked after release:", sem.locked())
    b = asyncio.create_task(user(sem, "b"))
    await sem.acquire()
    print("main acquired")
    sem.release()
    await asyncio.gather(a, b)
    print("locked at end:", sem.locked())

asyncio.run(main())
