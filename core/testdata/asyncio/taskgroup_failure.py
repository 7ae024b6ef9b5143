import asyncio

from lib.virtual_loop import VirtualLoop, run

from lib.scenario import now, desc, start, work

# The first failure cancels the siblings and the body's pending await; the
# error comes out in an ExceptionGroup once every task is done.
async def main():
    start()
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(work("a", 1), name="a")
            tg.create_task(work("b", 0.2, fail=True), name="b")
            try:
                await asyncio.sleep(5)
            except asyncio.CancelledError:
                print(now(), "body cancelled")
                raise
    except* ValueError as eg:
        print(now(), "caught", desc(eg))
    print("cancelling:", asyncio.current_task().cancelling())
    await asyncio.sleep(0.1)
    print(now(), "main goes on")
run(main())
