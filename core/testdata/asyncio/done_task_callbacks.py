# A done task's callbacks (a program's, a gather's, an awaiting task's
# wake-up, one added after it finished) run in the order they were added,
# after what was queued before; tasks that finish in one iteration keep
# their order too.
import asyncio

async def main():
    loop = asyncio.get_running_loop()
    async def child(name):
        print("child", name)
        return name
    a = asyncio.ensure_future(child("a"))
    b = asyncio.ensure_future(child("b"))
    a.add_done_callback(lambda f: print("a cb1:", f.result()))
    g = asyncio.gather(a, b)
    g.add_done_callback(lambda f: print("gather done:", f.result()))
    b.add_done_callback(lambda f: print("b cb1:", f.result()))
    async def waiter():
        print("waiter:", await b)
    w = asyncio.ensure_future(waiter())
    await asyncio.sleep(0)
    a.add_done_callback(lambda f: print("a cb2 (added when done):", f.result()))
    loop.call_soon(lambda: print("soon"))
    await g
    await w
    await asyncio.sleep(0)
    print("end")

asyncio.run(main())
