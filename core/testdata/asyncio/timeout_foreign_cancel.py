import asyncio

from lib.virtual_loop import VirtualLoop, run

from lib.scenario import now, desc, start, work

# A cancellation from elsewhere passes through a timeout as CancelledError,
# even when it lands together with the deadline's expiry.
async def main():
    start()
    loop = asyncio.get_running_loop()
    async def body(deadline, cancel_at_deadline):
        try:
            async with asyncio.timeout(deadline) as cm:
                if cancel_at_deadline:
                    loop.call_at(cm.when(), asyncio.current_task().cancel)
                await asyncio.sleep(1)
        except TimeoutError:
            print(now(), "TimeoutError (wrong)")
        except asyncio.CancelledError:
            print(now(), "CancelledError passes through; cancelling:", asyncio.current_task().cancelling())
            raise
    t = loop.create_task(body(0.5, False), name="t")
    loop.call_later(0.2, t.cancel)
    try:
        await t
    except asyncio.CancelledError:
        print(now(), "t cancelled:", t.cancelled())
    u = loop.create_task(body(0.2, True), name="u")
    try:
        await u
    except asyncio.CancelledError:
        print(now(), "u cancelled:", u.cancelled())
run(main())
