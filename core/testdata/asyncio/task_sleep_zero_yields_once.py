# sleep(0) gives the loop back for exactly one iteration: callbacks already
# queued run first, callbacks they schedule run after the task resumes.
import asyncio

async def main():
    loop = asyncio.get_running_loop()
    def cb1():
        print("cb1")
        loop.call_soon(print, "cb2 (scheduled by cb1)")
    loop.call_soon(cb1)
    print("before sleep(0)")
    await asyncio.sleep(0)
    print("after sleep(0)")
    await asyncio.sleep(0)
    print("after second sleep(0)")
asyncio.run(main())
