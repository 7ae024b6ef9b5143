import asyncio

from lib.virtual_loop import VirtualLoop, run

from lib.scenario import now, desc, start, work

# Nested timeouts: the inner one expires first and only it raises; the
# outer body carries on.
async def main():
    start()
    try:
        async with asyncio.timeout(0.5):
            try:
                async with asyncio.timeout(0.1):
                    await asyncio.sleep(1)
            except TimeoutError:
                print(now(), "inner timeout")
            await asyncio.sleep(0.2)
            print(now(), "outer body continues")
            await asyncio.sleep(1)
    except TimeoutError:
        print(now(), "outer timeout")
    print("cancelling:", asyncio.current_task().cancelling())
run(main())
