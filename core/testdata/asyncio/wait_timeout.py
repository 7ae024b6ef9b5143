import asyncio

from lib.virtual_loop import VirtualLoop, run

from lib.scenario import now, desc, start, work

# wait with a timeout never raises: it returns what is done so far, and the
# pending tasks keep running.
async def main():
    start()
    loop = asyncio.get_running_loop()
    a = loop.create_task(work("a", 0.1), name="a")
    b = loop.create_task(work("b", 0.5), name="b")
    done, pending = await asyncio.wait([a, b], timeout=0.3)
    print(now(), "done", sorted(t.get_name() for t in done), "pending", sorted(t.get_name() for t in pending))
    print("b cancelled?", b.cancelled())
    await b
    print(now(), "b:", b.result())
    done, pending = await asyncio.wait([a, b], timeout=0.3)
    print(now(), "all done already:", len(done), len(pending))
    c = loop.create_task(work("c", 1), name="c")
    done, pending = await asyncio.wait([c], timeout=0)
    print(now(), "timeout 0:", len(done), len(pending))
    c.cancel()
run(main())
