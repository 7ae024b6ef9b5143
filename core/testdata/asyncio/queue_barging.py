# As in asyncio, get_nowait can take an item a woken getter was woken for;
# that getter then waits again.
import asyncio

async def getter(q):
    print("getter got", await q.get())

async def main():
    q = asyncio.Queue()
    g = asyncio.create_task(getter(q))
    await asyncio.sleep(0)
    q.put_nowait("first")
    print("main takes", q.get_nowait())
    await asyncio.sleep(0)
    print("getter still waiting:", not g.done())
    q.put_nowait("second")
    await g

asyncio.run(main())
