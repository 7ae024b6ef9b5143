import asyncio

from lib.virtual_loop import VirtualLoop, run

from lib.scenario import now, desc, start, work

# shield: cancelling the task that awaits the shield leaves the inner task
# running; it finishes later with its result.
async def main():
    start()
    loop = asyncio.get_running_loop()
    inner = loop.create_task(work("inner", 0.5), name="inner")
    async def caller():
        try:
            return await asyncio.shield(inner)
        except asyncio.CancelledError:
            print(now(), "caller cancelled")
            raise
    c = loop.create_task(caller(), name="caller")
    await asyncio.sleep(0.1)
    c.cancel()
    try:
        await c
    except asyncio.CancelledError:
        pass
    print(now(), "inner still running:", not inner.done())
    r = await inner
    print(now(), "inner result:", r)
    print("shield of a done task is the task:", asyncio.shield(inner) is inner)
run(main())
