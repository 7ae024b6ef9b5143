# A task that catches the cancellation and returns a value completes
# normally: not cancelled, with that result.
import asyncio

async def stubborn():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("stubborn ignores the cancellation")
    await asyncio.sleep(0)
    return "finished anyway"
async def main():
    t = asyncio.create_task(stubborn())
    await asyncio.sleep(0)
    t.cancel()
    print("result:", await t)
    print("cancelled:", t.cancelled(), "cancelling:", t.cancelling())
asyncio.run(main())
