# Cancelling a task that awaits another task cancels that one too; the
# inner cleanup runs first, then the outer's.
import asyncio

async def inner():
    try:
        await asyncio.sleep(10)
    finally:
        print("inner cleanup")
async def outer(t):
    try:
        await t
    finally:
        print("outer cleanup")
async def main():
    i = asyncio.create_task(inner())
    o = asyncio.create_task(outer(i))
    await asyncio.sleep(0)
    o.cancel()
    try:
        await o
    except asyncio.CancelledError:
        pass
    print("outer cancelled:", o.cancelled(), "inner cancelled:", i.cancelled())
asyncio.run(main())
