# Semaphore(2): at most two workers run at once, in arrival order.
import asyncio

async def worker(sem, name, active, ended):
    async with sem:
        active.append(name)
        print(name, "starts; running:", len(active), "ended so far:", len(ended))
        await asyncio.sleep(0.1)
        active.remove(name)
        ended.append(name)
        print(name, "ends")

async def main():
    sem = asyncio.Semaphore(2)
    active, ended = [], []
    await asyncio.gather(*(worker(sem, f"w{i}", active, ended) for i in range(1, 6)))
    print("value at end:", sem._value)

asyncio.run(main())
