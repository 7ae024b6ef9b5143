# Producers blocked on a full queue are let in one by one, in order; a
# getter cancelled after being woken passes its wake-up on.
import asyncio

async def putter(q, item):
    await q.put(item)
    print("put", item)

async def getter(q, name):
    try:
        print(name, "got", await q.get())
    except asyncio.CancelledError:
        print(name, "cancelled after wake-up; qsize:", q.qsize())
        raise

async def main():
    q = asyncio.Queue(1)
    q.put_nowait(0)
    ps = [asyncio.create_task(putter(q, i)) for i in (1, 2, 3)]
    await asyncio.sleep(0)
    for _ in range(4):
        print("get", await q.get())
        await asyncio.sleep(0)
    g1 = asyncio.create_task(getter(q, "g1"))
    g2 = asyncio.create_task(getter(q, "g2"))
    await asyncio.sleep(0)
    q.put_nowait("x")
    g1.cancel()
    await asyncio.gather(g1, g2, *ps, return_exceptions=True)

asyncio.run(main())
