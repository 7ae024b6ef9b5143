# Event.set wakes every waiter, in the order they began waiting; waiting on
# a set event returns at once; clear makes them wait again.
import asyncio

async def waiter(ev, name):
    print(name, "waits")
    await ev.wait()
    print(name, "woke")

async def main():
    ev = asyncio.Event()
    ts = [asyncio.create_task(waiter(ev, n)) for n in ("c", "a", "b")]
    await asyncio.sleep(0)
    print("set")
    ev.set()
    print("is_set:", ev.is_set())
    await asyncio.gather(*ts)
    await ev.wait()
    print("wait on a set event returns at once")
    ev.clear()
    t = asyncio.create_task(waiter(ev, "late"))
    await asyncio.sleep(0.01)
    print("late still waiting:", not t.done())
    ev.set()
    await t

asyncio.run(main())
