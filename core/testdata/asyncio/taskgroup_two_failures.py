import asyncio

from lib.virtual_loop import VirtualLoop, run

from lib.scenario import now, desc, start, work

# Errors are collected in the order the tasks fail; a sibling that fails
# while being cancelled adds its error too.
async def main():
    start()
    async def fail_on_cancel():
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            print(now(), "c fails during cleanup")
            raise KeyError("c")
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(work("a", 0.1, fail=True), name="a")
            tg.create_task(fail_on_cancel(), name="c")
    except ExceptionGroup as eg:
        print(now(), desc(eg))
        print(eg)
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(work("x", 0.1, fail=True), name="x")
            tg.create_task(work("y", 0.1, fail=True), name="y")
    except ExceptionGroup as eg:
        print(now(), desc(eg))
run(main())
