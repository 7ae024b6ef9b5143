import asyncio

from lib.virtual_loop import VirtualLoop, run

from lib.scenario import now, desc, start, work

# gather() of nothing is done at once and awaiting it does not suspend;
# gathering children that are already done still takes a loop iteration,
# because done-callbacks are scheduled.
async def main():
    start()
    loop = asyncio.get_running_loop()
    async def other():
        for i in range(3):
            print("other", i)
            await asyncio.sleep(0)
    o = loop.create_task(other())
    print("empty:", await asyncio.gather())
    t = loop.create_task(work("t", 0))
    await asyncio.sleep(0.1)
    print("t done:", t.done())
    o2 = loop.create_task(other())
    print("gathered:", await asyncio.gather(t, t))
    await o2
run(main())
