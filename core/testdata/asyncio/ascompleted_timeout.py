import asyncio

from lib.virtual_loop import VirtualLoop, run

from lib.scenario import now, desc, start, work

# as_completed with a timeout: what has not finished in time raises
# TimeoutError, one per remaining task; the tasks are not cancelled.
async def main():
    start()
    loop = asyncio.get_running_loop()
    ts = [loop.create_task(work(n, d), name=n) for n, d in (("a", 0.1), ("b", 0.5), ("c", 0.2))]
    for aw in asyncio.as_completed(ts, timeout=0.3):
        try:
            r = await aw
            print(now(), "next:", r)
        except TimeoutError:
            print(now(), "next: TimeoutError")
    print("b cancelled?", ts[1].cancelled())
    await ts[1]
run(main())
