import asyncio
import time


async def ticker():
    for i in range(1, 4):
        await asyncio.sleep(0.02)
        print("tick", i)


async def main():
    t = asyncio.create_task(ticker(), name="ticker")
    await asyncio.sleep(0)
    time.sleep(0.05)  # blocks the loop: no tick meanwhile
    print("main woke up")
    await t


asyncio.run(main())
