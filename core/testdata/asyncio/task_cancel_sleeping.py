# Cancelling a task while it sleeps: the CancelledError (with the message)
# surfaces at its await, its cleanup runs, and it ends cancelled.
import asyncio

async def sleeper():
    try:
        print("sleeper sleeps")
        await asyncio.sleep(10)
        print("never")
    except asyncio.CancelledError as e:
        print("sleeper cancelled:", e.args[0] if e.args else "")
        raise
    finally:
        print("sleeper cleanup")
async def main():
    t = asyncio.create_task(sleeper())
    await asyncio.sleep(0.01)
    print("cancel returns", t.cancel("shutting down"))
    print("cancelling:", t.cancelling())
    try:
        await t
    except asyncio.CancelledError as e:
        print("main sees CancelledError")
    print("cancelled:", t.cancelled(), "done:", t.done())
asyncio.run(main())
