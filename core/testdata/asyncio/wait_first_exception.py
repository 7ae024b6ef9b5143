import asyncio

from lib.virtual_loop import VirtualLoop, run

from lib.scenario import now, desc, start, work

# wait(FIRST_EXCEPTION) returns at the first failure; a cancelled task does
# not count as one; with no failure it waits for all.
async def main():
    start()
    loop = asyncio.get_running_loop()
    a = loop.create_task(work("a", 0.4), name="a")
    b = loop.create_task(work("b", 0.2, fail=True), name="b")
    c = loop.create_task(work("c", 0.3), name="c")
    d = loop.create_task(work("d", 1), name="d")
    loop.call_later(0.1, d.cancel)
    done, pending = await asyncio.wait([a, b, c, d], return_when=asyncio.FIRST_EXCEPTION)
    print(now(), "done", sorted(t.get_name() for t in done), "pending", sorted(t.get_name() for t in pending))
    e = loop.create_task(work("e", 0.1), name="e")
    f = loop.create_task(work("f", 0.2), name="f")
    done, pending = await asyncio.wait([e, f], return_when=asyncio.FIRST_EXCEPTION)
    print(now(), "done", sorted(t.get_name() for t in done), "pending", sorted(t.get_name() for t in pending))
    await a
run(main())
