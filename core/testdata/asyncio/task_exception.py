# A task that raises: the awaiter gets the error, exception() returns it,
# and done-callbacks run with the task.
import asyncio

async def fails():
    await asyncio.sleep(0)
    raise ValueError("broken")
async def main():
    t = asyncio.create_task(fails())
    t.add_done_callback(lambda t: print("callback: done =", t.done()))
    try:
        await t
    except ValueError as e:
        print("await raised:", e)
    print("exception():", t.exception(), "cancelled:", t.cancelled())
asyncio.run(main())
