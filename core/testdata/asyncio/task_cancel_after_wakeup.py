# Cancel a task whose awaited future already has its result but which has
# not resumed yet: the cancellation wins and the result is not seen. A task
# waiting on a plain future cancels that future.
import asyncio

async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    async def waiter(f):
        try:
            v = await f
            print("waiter got", v)
        except asyncio.CancelledError as e:
            print("waiter cancelled:", e.args[0] if e.args else "")
            raise
    t = asyncio.create_task(waiter(fut))
    await asyncio.sleep(0)
    fut.set_result("value")
    print("cancel:", t.cancel("too late"))
    try:
        await t
    except asyncio.CancelledError:
        print("t cancelled:", t.cancelled())
    plain = loop.create_future()
    t2 = asyncio.create_task(waiter(plain))
    await asyncio.sleep(0)
    t2.cancel("stop waiting")
    print("plain future cancelled at once:", plain.cancelled())
    try:
        await t2
    except asyncio.CancelledError:
        print("t2 cancelled:", t2.cancelled())
asyncio.run(main())
