import asyncio

from lib.virtual_loop import VirtualLoop, run

from lib.scenario import now, desc, start, work

# shield does not protect against the inner task being cancelled directly,
# and passes the inner's error through.
async def main():
    start()
    loop = asyncio.get_running_loop()
    inner = loop.create_task(work("inner", 0.5), name="inner")
    loop.call_later(0.1, inner.cancel)
    try:
        await asyncio.shield(inner)
    except asyncio.CancelledError:
        print(now(), "awaiting the shield: CancelledError")
    bad = loop.create_task(work("bad", 0.1, fail=True), name="bad")
    try:
        await asyncio.shield(bad)
    except ValueError as e:
        print(now(), "error through the shield:", desc(e))
run(main())
