import asyncio

from lib.virtual_loop import VirtualLoop, run

from lib.scenario import now, desc, start, work

# A zero timeout: a done task gives its result, a pending one is cancelled
# (its cleanup awaited) and TimeoutError raised.
async def main():
    start()
    loop = asyncio.get_running_loop()
    t = loop.create_task(work("t", 0.5), name="t")
    try:
        await asyncio.wait_for(t, 0)
    except TimeoutError as e:
        print(now(), "zero:", desc(e), t.cancelled())
    t2 = loop.create_task(work("t2", 0.5), name="t2")
    try:
        await asyncio.wait_for(t2, -1)
    except TimeoutError as e:
        print(now(), "negative:", desc(e), t2.cancelled())
run(main())
