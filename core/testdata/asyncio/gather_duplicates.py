import asyncio

from lib.virtual_loop import VirtualLoop, run

from lib.scenario import now, desc, start, work

# A task passed twice is waited for once and its result appears twice.
async def main():
    start()
    loop = asyncio.get_running_loop()
    a = loop.create_task(work("a", 0.1), name="a")
    b = loop.create_task(work("b", 0.2), name="b")
    r = await asyncio.gather(a, b, a)
    print(now(), r)
run(main())
