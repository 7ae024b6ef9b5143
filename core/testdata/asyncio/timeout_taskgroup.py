import asyncio

from lib.virtual_loop import VirtualLoop, run

from lib.scenario import now, desc, start, work

# A timeout around a TaskGroup: the expiry cancels the body, the group
# cancels its tasks and waits for them, and the timeout turns the
# cancellation into TimeoutError; the group's own uncancel and the
# timeout's do not get mixed up.
async def main():
    start()
    try:
        async with asyncio.timeout(0.3):
            async with asyncio.TaskGroup() as tg:
                tg.create_task(work("a", 0.1), name="a")
                tg.create_task(work("b", 1), name="b")
                print(now(), "body waits for the group")
    except TimeoutError:
        print(now(), "TimeoutError; cancelling:", asyncio.current_task().cancelling())
    try:
        async with asyncio.timeout(0.3):
            async with asyncio.TaskGroup() as tg:
                tg.create_task(work("c", 0.1, fail=True), name="c")
                tg.create_task(work("d", 1), name="d")
    except TimeoutError:
        print("TimeoutError (wrong)")
    except ExceptionGroup as eg:
        print(now(), desc(eg), "cancelling:", asyncio.current_task().cancelling())
    await asyncio.sleep(1)
    print(now(), "no stray cancellation")
run(main())
