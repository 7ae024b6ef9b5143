import asyncio

from lib.virtual_loop import VirtualLoop, run

from lib.scenario import now, desc, start

async def work(name, d, fail=False):
    try:
        await asyncio.sleep(d)
    except asyncio.CancelledError:
        print(now(), name, "cancelled")
        raise
    if fail:
        print(now(), name, "fails")
        raise ValueError(name)
    print(now(), name, "done")
    return name

# A TaskGroup waits for all its tasks; the block ends when the last is done.
async def main():
    start()
    async with asyncio.TaskGroup() as tg:
        a = tg.create_task(work("a", 0.2), name="a")
        b = tg.create_task(work("b", 0.1), name="b")
        print(now(), "body done")
    print(now(), "group done:", a.result(), b.result())
run(main())
