# Every kind of asyncio primitive, waited on, woken, cancelled while in
# line: the loop-state test compares the state rebuilt from the trace with
# asyncio's own after every event (web/python/tests/test_loopstate.py).
import asyncio


async def lock_and_cancel():
    lock = asyncio.Lock()
    await lock.acquire()
    first = asyncio.create_task(lock.acquire(), name="first")
    second = asyncio.create_task(lock.acquire(), name="second")
    await asyncio.sleep(0.1)
    first.cancel()  # leaves the line while waiting
    await asyncio.sleep(0)
    lock.release()  # second takes it
    await second
    lock.release()
    print("lock", lock.locked(), first.cancelled())


async def bounded():
    slots = asyncio.BoundedSemaphore(2)

    async def use(n):
        async with slots:
            await asyncio.sleep(0.1 * n)
            print("slot used by", n)

    await asyncio.gather(*(use(n) for n in range(1, 5)))


async def event_set_and_clear():
    ready = asyncio.Event()

    async def waiter(n):
        await ready.wait()
        print("waiter", n, "woke")

    ws = [asyncio.create_task(waiter(n), name="waiter-%d" % n) for n in (1, 2)]
    await asyncio.sleep(0.1)
    ready.set()
    ready.clear()
    await asyncio.gather(*ws)
    print("event", ready.is_set())


async def condition():
    cond = asyncio.Condition()
    box = []

    async def consumer():
        async with cond:
            await cond.wait_for(lambda: box)
            print("consumer got", box.pop())

    c = asyncio.create_task(consumer(), name="consumer")
    await asyncio.sleep(0.1)
    async with cond:
        box.append("parcel")
        cond.notify()
    await c


async def queues():
    for q in (asyncio.LifoQueue(), asyncio.PriorityQueue(maxsize=2)):
        got = []

        async def getter():
            for _ in range(3):
                got.append(await q.get())
                q.task_done()

        g = asyncio.create_task(getter(), name="getter")
        await asyncio.sleep(0)
        for item in (3, 1, 2):
            await q.put(item)
        await q.join()
        await g
        print(type(q).__name__, got)
    tray = asyncio.Queue(maxsize=1)
    await tray.put("a")
    blocked = asyncio.create_task(tray.put("b"), name="blocked")
    await asyncio.sleep(0)
    blocked.cancel()  # a putter leaves the line
    await asyncio.sleep(0)
    print("tray", tray.get_nowait(), tray.empty())


async def main():
    await lock_and_cancel()
    await bounded()
    await event_set_and_clear()
    await condition()
    await queues()


asyncio.run(main())
