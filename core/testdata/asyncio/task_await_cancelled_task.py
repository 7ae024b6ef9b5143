# Awaiting a task that was cancelled raises CancelledError in the awaiter,
# which can catch it and carry on.
import asyncio

async def victim():
    await asyncio.sleep(10)
async def main():
    t = asyncio.create_task(victim())
    await asyncio.sleep(0)
    t.cancel()
    await asyncio.sleep(0)
    print("done:", t.done(), "cancelled:", t.cancelled())
    try:
        await t
    except asyncio.CancelledError:
        print("await raised CancelledError")
    print("main goes on")
    return "ok"
print(asyncio.run(main()))
