# Getters waiting on an empty PriorityQueue: each put wakes the next getter
# in line, which takes the smallest item there is when it runs.
import asyncio

async def getter(q, name):
    print(name, "got", await q.get())

async def main():
    q = asyncio.PriorityQueue()
    ts = [asyncio.create_task(getter(q, n)) for n in ("g1", "g2")]
    await asyncio.sleep(0)
    for n in (5, 1, 3):
        q.put_nowait(n)
    await asyncio.gather(*ts)
    print("left:", q.get_nowait(), "qsize:", q.qsize())

asyncio.run(main())
