import asyncio

from lib.virtual_loop import VirtualLoop, run

from lib.scenario import now, desc, start, work

# Nested timeouts: when the outer deadline passes first, the inner timeout
# lets the CancelledError through and the outer one turns it into
# TimeoutError.
async def main():
    start()
    try:
        async with asyncio.timeout(0.2):
            try:
                async with asyncio.timeout(1):
                    await asyncio.sleep(2)
            except TimeoutError:
                print(now(), "inner timeout (wrong)")
            except asyncio.CancelledError:
                print(now(), "inner lets CancelledError through")
                raise
    except TimeoutError:
        print(now(), "outer timeout")
    print("cancelling:", asyncio.current_task().cancelling())
run(main())
