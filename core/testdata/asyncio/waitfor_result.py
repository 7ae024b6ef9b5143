import asyncio

from lib.virtual_loop import VirtualLoop, run

from lib.scenario import now, desc, start, work

# wait_for returns the result (or the error) when it arrives in time.
async def main():
    start()
    loop = asyncio.get_running_loop()
    a = loop.create_task(work("a", 0.1), name="a")
    r = await asyncio.wait_for(a, 1)
    print(now(), "got", r)
    b = loop.create_task(work("b", 0.1, fail=True), name="b")
    try:
        await asyncio.wait_for(b, 1)
    except ValueError as e:
        print(now(), "error", desc(e))
    print("done:", await asyncio.wait_for(a, 0))
run(main())
