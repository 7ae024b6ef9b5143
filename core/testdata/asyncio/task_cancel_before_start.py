# A task cancelled before its first step never runs its body.
import asyncio

async def body():
    print("body runs")
async def main():
    t = asyncio.create_task(body())
    print("cancel:", t.cancel())
    t.add_done_callback(lambda t: print("done callback: cancelled =", t.cancelled()))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("done:", t.done(), "cancelled:", t.cancelled())
asyncio.run(main())
