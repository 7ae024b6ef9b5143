# A timeout is raised from the cancellation it turned into an error: that
# cancellation is reachable (3.11's timeout() as __context__, wait_for and
# 3.12's timeout() as __cause__), yet the TimeoutError is no CancelledError.
import asyncio

def show(what, e):
    print(what, type(e).__name__, "is CancelledError:", isinstance(e, asyncio.CancelledError))
    c = e.__cause__ or e.__context__
    print("  cause:", type(c).__name__, "message:", c.args[0] if c.args else "")

async def main():
    try:
        async with asyncio.timeout(0.1):
            await asyncio.sleep(1)
    except TimeoutError as e:
        show("timeout:", e)
    async def slow():
        await asyncio.sleep(1)
    try:
        await asyncio.wait_for(slow(), 0.1)
    except TimeoutError as e:
        show("wait_for:", e)

asyncio.run(main())
