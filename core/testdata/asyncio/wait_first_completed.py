import asyncio

from lib.virtual_loop import VirtualLoop, run

from lib.scenario import now, desc, start, work

# wait(FIRST_COMPLETED) returns as soon as one is done; the rest keep
# running and are not cancelled.
async def main():
    start()
    loop = asyncio.get_running_loop()
    a = loop.create_task(work("a", 0.2), name="a")
    b = loop.create_task(work("b", 0.1), name="b")
    c = loop.create_task(work("c", 0.3), name="c")
    done, pending = await asyncio.wait([a, b, c], return_when=asyncio.FIRST_COMPLETED)
    print(now(), "done", sorted(t.get_name() for t in done), "pending", sorted(t.get_name() for t in pending))
    done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
    print(now(), "done", sorted(t.get_name() for t in done), "pending", sorted(t.get_name() for t in pending))
    await asyncio.sleep(0.2)
    print(now(), "c done:", c.done(), c.result())
run(main())
