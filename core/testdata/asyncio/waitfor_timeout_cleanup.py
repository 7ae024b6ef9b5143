import asyncio

from lib.virtual_loop import VirtualLoop, run

from lib.scenario import now, desc, start, work

# On timeout wait_for cancels the inner task and waits for its cleanup to
# finish before it raises TimeoutError.
async def main():
    start()
    loop = asyncio.get_running_loop()
    async def slow():
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            print(now(), "slow: cleaning up")
            await asyncio.sleep(0.2)
            print(now(), "slow: cleanup done")
            raise
    t = loop.create_task(slow(), name="slow")
    try:
        await asyncio.wait_for(t, 0.3)
    except TimeoutError as e:
        print(now(), "wait_for:", desc(e), "inner cancelled:", t.cancelled())
run(main())
