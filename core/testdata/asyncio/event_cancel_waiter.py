# A cancelled event waiter leaves; the others still wake.
import asyncio

async def waiter(ev, name):
    try:
        await ev.wait()
        print(name, "woke")
    except asyncio.CancelledError:
        print(name, "cancelled")
        raise

async def main():
    ev = asyncio.Event()
    ts = [asyncio.create_task(waiter(ev, n)) for n in ("a", "b", "c")]
    await asyncio.sleep(0)
    ts[0].cancel()
    await asyncio.sleep(0)
    ev.set()
    await asyncio.gather(*ts, return_exceptions=True)

asyncio.run(main())
