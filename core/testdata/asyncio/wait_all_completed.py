import asyncio

from lib.virtual_loop import VirtualLoop, run

from lib.scenario import now, desc, start, work

# wait(ALL_COMPLETED) returns when every task is done; failures do not
# raise, they are read from the done set.
async def main():
    start()
    loop = asyncio.get_running_loop()
    a = loop.create_task(work("a", 0.2), name="a")
    b = loop.create_task(work("b", 0.1, fail=True), name="b")
    c = loop.create_task(work("c", 0.3), name="c")
    done, pending = await asyncio.wait([a, b, c])
    print(now(), "done", sorted(t.get_name() for t in done), "pending", sorted(t.get_name() for t in pending))
    print("b:", desc(b.exception()))
run(main())
