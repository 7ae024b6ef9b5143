import asyncio

from lib.virtual_loop import VirtualLoop, run

from lib.scenario import now, desc, start, work

# gather returns results in argument order, whatever order they finish in.
async def main():
    start()
    loop = asyncio.get_running_loop()
    a = loop.create_task(work("a", 0.3), name="a")
    b = loop.create_task(work("b", 0.1), name="b")
    c = loop.create_task(work("c", 0.2), name="c")
    res = await asyncio.gather(a, b, c)
    print(now(), "gathered", res)
run(main())
