import asyncio

from lib.virtual_loop import VirtualLoop, run

from lib.scenario import now, desc, start, work

# Gathers nest: cancelling the outer gather reaches the tasks of an inner
# one; an inner gather that already finished is not cancelled again.
async def main():
    start()
    loop = asyncio.get_running_loop()
    a = loop.create_task(work("a", 0.1), name="a")
    b = loop.create_task(work("b", 1), name="b")
    c = loop.create_task(work("c", 1), name="c")
    inner_done = asyncio.gather(a)
    inner = asyncio.gather(b, c)
    outer = asyncio.gather(inner_done, inner)
    await asyncio.sleep(0.2)
    print(now(), "inner_done done:", inner_done.done())
    print(now(), "cancel outer:", outer.cancel())
    try:
        await outer
    except asyncio.CancelledError:
        print(now(), "outer raised CancelledError")
    print("b", b.cancelled(), "c", c.cancelled(), "inner_done result", inner_done.result())
run(main())
