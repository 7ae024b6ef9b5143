# A task that cancels itself keeps running until its next await, where the
# CancelledError arrives.
import asyncio

async def selfish():
    me = asyncio.current_task()
    print("cancel self:", me.cancel("my own idea"))
    print("still running")
    try:
        await asyncio.sleep(0)
    except asyncio.CancelledError as e:
        print("cancelled at await:", e.args[0] if e.args else "")
        raise
async def main():
    t = asyncio.create_task(selfish())
    try:
        await t
    except asyncio.CancelledError:
        print("main: cancelled =", t.cancelled())
asyncio.run(main())
