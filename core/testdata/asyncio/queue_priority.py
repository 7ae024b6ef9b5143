# A PriorityQueue hands out the lowest priority first; a LifoQueue the
# newest item first.
import asyncio

async def main():
    pq = asyncio.PriorityQueue()
    for item in [(3, "low"), (1, "urgent"), (2, "normal"), (1, "also urgent"), (5, "later")]:
        pq.put_nowait(item)
    while not pq.empty():
        print("priority", await pq.get())
    lq = asyncio.LifoQueue()
    for item in ("first", "second", "third"):
        await lq.put(item)
    while not lq.empty():
        print("lifo", await lq.get())
    nq = asyncio.PriorityQueue()
    for n in (5, 3, 8, 1, 9, 2, 7):
        nq.put_nowait(n)
    print("numbers", [nq.get_nowait() for _ in range(7)])

asyncio.run(main())
