import asyncio


async def save():
    await asyncio.sleep(1)
    print("saved")


async def check():
    raise OSError("disk full")


async def count():
    return 42


async def kept():
    return "fine"


async def main():
    asyncio.create_task(save(), name="save")
    asyncio.create_task(check(), name="check")
    asyncio.create_task(count(), name="count")
    k = asyncio.create_task(kept(), name="kept")
    await asyncio.sleep(0.1)
    print(k.result())


asyncio.run(main())
