# A leftover task that swallows the shutdown cancellation and returns still
# lets asyncio.run finish.
import asyncio

async def stubborn():
    try:
        await asyncio.sleep(100)
    except asyncio.CancelledError:
        print("stubborn swallows the cancel")
    return 1
async def main():
    asyncio.create_task(stubborn())
    await asyncio.sleep(0)
    print("main done")
asyncio.run(main())
print("after run")
