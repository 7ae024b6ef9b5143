# Tasks that wait on something nothing will ever provide. asyncio would
# hang; here main looks after a while at what each task waits on. core
# reports the same through its stuck-forever error.
import asyncio

async def holder(lock, ready):
    async with lock:
        await ready.wait()

async def waiter(lock):
    async with lock:
        pass

async def consumer(q):
    await q.get()

async def main():
    lock, ready, q = asyncio.Lock(), asyncio.Event(), asyncio.Queue()
    names = {id(lock): "lock", id(ready): "event", id(q): "queue"}
    tasks = [
        asyncio.create_task(holder(lock, ready), name="worker-1"),
        asyncio.create_task(waiter(lock), name="worker-2"),
        asyncio.create_task(consumer(q), name="consumer"),
    ]
    await asyncio.sleep(1)
    for t in tasks:
        fut = t._fut_waiter
        for prim, waiters in ((lock, lock._waiters), (ready, ready._waiters), (q, q._getters)):
            if waiters and fut in waiters:
                print(f"task {t.get_name()} waits on {names[id(prim)]}")
    for t in tasks:
        t.cancel()

asyncio.run(main())
