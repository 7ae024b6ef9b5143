import asyncio

from lib.virtual_loop import VirtualLoop, run

from lib.scenario import now, desc, start, work

# A TaskGroup waits for all its tasks; the block ends when the last is done.
async def main():
    start()
    async with asyncio.TaskGroup() as tg:
        a = tg.create_task(work("a", 0.2), name="a")
        b = tg.create_task(work("b", 0.1), name="b")
        print(now(), "body done")
    print(now(), "group done:", a.result(), b.result())
run(main())
