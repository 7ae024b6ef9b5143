import asyncio

from lib.virtual_loop import VirtualLoop, run

from lib.scenario import now, desc, start, work

# An error in the body cancels the group's tasks and is reported last.
async def main():
    start()
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(work("a", 1), name="a")
            await asyncio.sleep(0.1)
            raise ValueError("body")
    except ExceptionGroup as eg:
        print(now(), desc(eg))
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(work("b", 0.1, fail=True), name="b")
            await asyncio.sleep(0.3)
    except ExceptionGroup as eg:
        print(now(), desc(eg))
run(main())
