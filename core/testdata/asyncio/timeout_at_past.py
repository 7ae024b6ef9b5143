import asyncio

from lib.virtual_loop import VirtualLoop, run

from lib.scenario import now, desc, start, work

# A deadline already past still lets the body run until its first await,
# and the expiry is queued like call_soon: after what is already ready.
async def main():
    start()
    loop = asyncio.get_running_loop()
    loop.call_soon(print, "ready before the expiry")
    try:
        async with asyncio.timeout_at(loop.time() - 1):
            print("body starts")
            await asyncio.sleep(0)
            print("body after first await (wrong)")
    except TimeoutError:
        print(now(), "TimeoutError")
    try:
        async with asyncio.timeout(0):
            print("zero: body starts")
            await asyncio.sleep(0.5)
    except TimeoutError:
        print(now(), "zero: TimeoutError")
run(main())
