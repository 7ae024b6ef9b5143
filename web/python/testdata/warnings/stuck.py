import asyncio


async def waiter(ready):
    print("waiting for ready")
    await ready.wait()


async def main():
    ready = asyncio.Event()
    w = asyncio.create_task(waiter(ready), name="waiter")
    for i in range(1, 4):
        await asyncio.sleep(1)
        print("main works", i)
    await w


asyncio.run(main())
