import asyncio


async def worker():
    try:
        for round in range(1, 100):
            print("working, round", round)
            await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("worker: cancelled, cleaning up")
        raise


async def main():
    w = asyncio.create_task(worker(), name="worker")
    await asyncio.sleep(2.5)
    print("main: cancelling the worker")
    w.cancel("enough")
    try:
        await w
    except asyncio.CancelledError as e:
        print("main: worker ended with CancelledError:", e)
    print("cancelled:", w.cancelled())


asyncio.run(main())
