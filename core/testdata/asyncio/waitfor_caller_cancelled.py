import asyncio

from lib.virtual_loop import VirtualLoop, run

from lib.scenario import now, desc, start, work

# Cancelling the task inside wait_for cancels the inner task too, waits for
# it, and raises CancelledError even if the inner swallowed it.
async def main():
    start()
    loop = asyncio.get_running_loop()
    async def stubborn():
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            print(now(), "inner cancelled, returning anyway")
            await asyncio.sleep(0.1)
            return "value"
    inner = loop.create_task(stubborn(), name="inner")
    async def caller():
        try:
            return await asyncio.wait_for(inner, 5)
        except asyncio.CancelledError:
            print(now(), "caller: CancelledError")
            raise
    c = loop.create_task(caller(), name="caller")
    await asyncio.sleep(0.2)
    c.cancel()
    try:
        await c
    except asyncio.CancelledError:
        print(now(), "caller cancelled:", c.cancelled(), "inner result:", inner.result())
run(main())
