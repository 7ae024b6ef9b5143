# Cancelling twice before the task resumes: both calls return True, the
# count is 2, one CancelledError arrives, carrying the first message.
import asyncio

async def sleeper():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        print("caught:", e.args[0] if e.args else "")
        print("cancelling inside:", asyncio.current_task().cancelling())
        raise
async def main():
    t = asyncio.create_task(sleeper())
    await asyncio.sleep(0)
    print("first cancel:", t.cancel("first"))
    print("second cancel:", t.cancel("second"))
    print("cancelling:", t.cancelling())
    try:
        await t
    except asyncio.CancelledError:
        print("main: task cancelled")
    print("cancel after done:", t.cancel())
asyncio.run(main())
