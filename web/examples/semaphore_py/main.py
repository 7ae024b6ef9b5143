import asyncio


async def download(slots, n):
    async with slots:
        loop = asyncio.get_running_loop()
        print("download", n, "starts at", loop.time())
        await asyncio.sleep(1)
        print("download", n, "ends at", loop.time())


async def main():
    slots = asyncio.Semaphore(2)  # at most two at a time
    await asyncio.gather(*(download(slots, n) for n in range(1, 6)))


asyncio.run(main())
