import asyncio

from lib.virtual_loop import VirtualLoop, run

from lib.scenario import now, desc, start, work

# return_exceptions=True: errors and cancellations take the place of results.
async def main():
    start()
    loop = asyncio.get_running_loop()
    a = loop.create_task(work("a", 0.1), name="a")
    b = loop.create_task(work("b", 0.2, fail=True), name="b")
    c = loop.create_task(work("c", 0.5), name="c")
    loop.call_later(0.3, c.cancel)
    res = await asyncio.gather(a, b, c, return_exceptions=True)
    print(now(), [r if isinstance(r, str) else desc(r) for r in res])
run(main())
