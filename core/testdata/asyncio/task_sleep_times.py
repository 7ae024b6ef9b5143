# Sleeping tasks wake in deadline order; equal sleeps started in order wake
# in that order.
import asyncio

async def nap(name, d):
    await asyncio.sleep(d)
    print(name, "woke")
async def main():
    ts = [asyncio.create_task(nap(n, d)) for n, d in (("long", 0.15), ("short", 0.05), ("mid-a", 0.1), ("mid-b", 0.1))]
    for t in ts:
        await t
asyncio.run(main())
