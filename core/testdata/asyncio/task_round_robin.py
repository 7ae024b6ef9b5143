# Tasks that yield with sleep(0) take turns, one step each per iteration,
# in the order they were created.
import asyncio

async def worker(name, n):
    for i in range(n):
        print(name, i)
        await asyncio.sleep(0)
    print(name, "done")
async def main():
    ts = [asyncio.create_task(worker(n, k)) for n, k in (("a", 3), ("b", 2), ("c", 3))]
    for t in ts:
        await t
asyncio.run(main())
