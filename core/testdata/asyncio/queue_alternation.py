# Queue(maxsize=1): producer and consumer alternate item by item.
import asyncio

async def producer(q):
    for i in range(4):
        print("put", i, "...")
        await q.put(i)
        print("put", i, "done")
    await q.put(None)

async def consumer(q):
    while True:
        item = await q.get()
        if item is None:
            break
        print("got", item)

async def main():
    q = asyncio.Queue(maxsize=1)
    await asyncio.gather(producer(q), consumer(q))
    print("empty:", q.empty(), "full:", q.full())

asyncio.run(main())
