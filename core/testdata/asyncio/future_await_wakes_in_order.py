# Tasks awaiting the same future are woken in the order they started
# waiting, after callbacks already queued.
import asyncio

async def waiter(name, fut):
    print(name, "waits")
    v = await fut
    print(name, "got", v)
async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    tasks = [asyncio.create_task(waiter(n, fut)) for n in ("w1", "w2", "w3")]
    await asyncio.sleep(0)
    loop.call_soon(print, "queued before result")
    fut.set_result("v")
    print("main set result")
    for t in tasks:
        await t
    print("all woken")
asyncio.run(main())
