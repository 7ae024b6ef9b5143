# asyncio.run hands main's error back after shutting down; leftover tasks
# are still cancelled.
import asyncio

async def helper():
    try:
        await asyncio.sleep(100)
    finally:
        print("helper cleaned up")
async def main():
    asyncio.create_task(helper())
    await asyncio.sleep(0)
    raise RuntimeError("main failed")
try:
    asyncio.run(main())
except RuntimeError as e:
    print("run raised:", e)
