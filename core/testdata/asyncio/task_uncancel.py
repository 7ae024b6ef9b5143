# uncancel() withdraws a cancellation request: a task can take back the
# cancellation it handled and keep going.
import asyncio

async def resilient():
    me = asyncio.current_task()
    for attempt in range(2):
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            print("attempt", attempt, "cancelling:", me.cancelling())
            print("uncancel ->", me.uncancel())
    return "survived"
async def main():
    t = asyncio.create_task(resilient())
    for _ in range(2):
        await asyncio.sleep(0)
        t.cancel()
    print(await t, "cancelling:", t.cancelling())
asyncio.run(main())
