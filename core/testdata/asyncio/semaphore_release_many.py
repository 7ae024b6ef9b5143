# Releasing a Semaphore several times in one step wakes that many waiters,
# first come first served; the value stays 0 while they hold it.
import asyncio

async def user(sem, name):
    await sem.acquire()
    print(name, "acquired; value:", sem._value)

async def main():
    sem = asyncio.Semaphore(0)
    ts = [asyncio.create_task(user(sem, n)) for n in ("a", "b", "c")]
    await asyncio.sleep(0)
    sem.release()
    sem.release()
    print("released twice; value:", sem._value, "locked:", sem.locked())
    await asyncio.sleep(0)
    print("c done:", ts[2].done())
    sem.release()
    await asyncio.gather(*ts)
    print("value:", sem._value)

asyncio.run(main())
