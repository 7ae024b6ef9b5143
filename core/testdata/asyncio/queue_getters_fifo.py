# Tasks waiting in get() are served in the order they started waiting; a
# cancelled getter is skipped.
import asyncio

async def getter(q, name):
    try:
        item = await q.get()
        print(name, "got", item)
    except asyncio.CancelledError:
        print(name, "cancelled")
        raise

async def main():
    q = asyncio.Queue()
    ts = [asyncio.create_task(getter(q, n)) for n in ("g1", "g2", "g3", "g4")]
    await asyncio.sleep(0)
    ts[1].cancel()
    await asyncio.sleep(0)
    for item in ("x", "y", "z"):
        q.put_nowait(item)
    await asyncio.gather(*ts, return_exceptions=True)

asyncio.run(main())
