import asyncio

from lib.virtual_loop import VirtualLoop, run

from lib.scenario import now, desc, start, work

# How many loop iterations each combinator takes, seen from a ticker task
# that prints once per iteration: done-callbacks are scheduled, never run
# inline, so even finished children cost a hop; timeout and TaskGroup with
# nothing to wait for cost none.
async def main():
    loop = asyncio.get_running_loop()
    stop = False
    async def ticker():
        i = 0
        while not stop:
            print("tick", i)
            i += 1
            await asyncio.sleep(0)
    async def val(v):
        return v
    t1 = loop.create_task(val(1), name="t1")
    t2 = loop.create_task(val(2), name="t2")
    await asyncio.sleep(0)
    tk = loop.create_task(ticker())
    r = await asyncio.gather(t1, t2)
    print("gather:", r)
    d, p = await asyncio.wait([t1, t2])
    print("wait:", len(d), len(p))
    r = await asyncio.wait_for(t1, 1)
    print("wait_for done:", r)
    f = loop.create_future()
    loop.call_soon(f.set_result, "f")
    r = await asyncio.shield(f)
    print("shield:", r)
    res = []
    for c in asyncio.as_completed([t1, t2]):
        res.append(await c)
    print("as_completed:", sorted(res))
    t3 = loop.create_task(val(3))
    r = await asyncio.wait_for(t3, 1)
    print("wait_for pending:", r)
    async with asyncio.TaskGroup() as tg:
        t4 = tg.create_task(val(4))
    print("taskgroup:", t4.result())
    async with asyncio.timeout(1):
        await asyncio.sleep(0)
    print("timeout block done")
    async with asyncio.TaskGroup() as tg:
        pass
    print("empty taskgroup")
    stop = True
    await tk
run(main())
