# A waiter handed a unit but cancelled before it runs gives the unit to
# the next waiter.
import asyncio

async def user(sem, name):
    try:
        await sem.acquire()
    except asyncio.CancelledError:
        print(name, "cancelled")
        raise
    print(name, "acquired")

async def main():
    sem = asyncio.Semaphore(0)
    a = asyncio.create_task(user(sem, "a"))
    b = asyncio.create_task(user(sem, "b"))
    await asyncio.sleep(0)
    sem.release()
    a.cancel()
    await asyncio.gather(a, b, return_exceptions=True)
    print("value:", sem._value)

asyncio.run(main())
