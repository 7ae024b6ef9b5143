# Awaiting a future that is already done returns at once: the task does not
# give the loop back, so nothing else runs in between.
import asyncio

async def other():
    print("other runs")
async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.set_result("now")
    t = asyncio.create_task(other())
    print("before await")
    print("awaited:", await fut)
    print("after await, other still pending:", not t.done())
    await t
asyncio.run(main())
