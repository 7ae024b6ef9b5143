# A task's done-callbacks are scheduled when it finishes, after the
# callbacks already queued, and an awaiting task wakes in the same order.
import asyncio

async def quick():
    print("quick runs")
    return "q"
async def main():
    t = asyncio.create_task(quick())
    t.add_done_callback(lambda t: print("callback 1:", t.result()))
    t.add_done_callback(lambda t: print("callback 2:", t.result()))
    print("main awaits")
    print("main got", await t)
asyncio.run(main())
