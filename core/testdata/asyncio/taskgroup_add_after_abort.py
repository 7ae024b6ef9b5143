import asyncio

from lib.virtual_loop import VirtualLoop, run

from lib.scenario import now, desc, start, work

# Once the group is shutting down it refuses new tasks; after the block it
# is finished and refuses them too.
async def main():
    start()
    tg_ref = []
    async def adder():
        await asyncio.sleep(0.2)
        try:
            tg_ref[0].create_task(work("late", 0.1), name="late")
            print("late task added (wrong)")
        except RuntimeError as e:
            print(now(), "adding while shutting down:", "shutting down" in str(e))
    async def protected():
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            await adder()
            raise
    try:
        async with asyncio.TaskGroup() as tg:
            tg_ref.append(tg)
            tg.create_task(work("a", 0.1, fail=True), name="a")
            tg.create_task(protected(), name="p")
    except ExceptionGroup as eg:
        print(now(), desc(eg))
    coro = work("after", 0.1)
    try:
        tg.create_task(coro)
    except RuntimeError as e:
        print("adding after the block:", "is finished" in str(e))
    coro.close()
run(main())
