import asyncio


async def stubborn():
    for i in range(3):
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError as e:
            print("ignoring:", repr(e))
    return "finished anyway"


async def main():
    task = asyncio.create_task(stubborn(), name="stubborn")
    await asyncio.sleep(1.5)
    task.cancel("stop now")
    print(await task)


asyncio.run(main())
