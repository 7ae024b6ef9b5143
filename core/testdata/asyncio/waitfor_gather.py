import asyncio

from lib.virtual_loop import VirtualLoop, run

from lib.scenario import now, desc, start, work

# The introduction's pattern: downloads gathered under one wait_for. On
# timeout the gather is cancelled, which cancels every download still
# running, and wait_for raises TimeoutError once they have all stopped.
async def main():
    start()
    loop = asyncio.get_running_loop()
    ts = [loop.create_task(work(n, d), name=n) for n, d in (("a", 0.1), ("b", 0.5), ("c", 0.7))]
    try:
        await asyncio.wait_for(asyncio.gather(*ts), 0.3)
    except TimeoutError:
        print(now(), "TimeoutError")
    print([t.get_name() + (" cancelled" if t.cancelled() else " done") for t in ts])
    ts = [loop.create_task(work(n, d), name=n) for n, d in (("d", 0.1), ("e", 0.2))]
    r = await asyncio.wait_for(asyncio.gather(*ts), 0.3)
    print(now(), r)
run(main())
