# join() waits until task_done was called for every item; calling
# task_done once too often is an error.
import asyncio

async def worker(q, name):
    while True:
        item = await q.get()
        await asyncio.sleep(item / 100)
        print(name, "finished", item)
        q.task_done()

async def main():
    q = asyncio.Queue()
    for item in (9, 1, 2, 1):
        q.put_nowait(item)
    ws = [asyncio.create_task(worker(q, f"w{i}")) for i in (1, 2)]
    await q.join()
    print("joined; unfinished:", q._unfinished_tasks)
    await q.join()
    print("join with nothing unfinished returns at once")
    try:
        q.task_done()
    except ValueError as e:
        print("ValueError:", e)
    for w in ws:
        w.cancel()
    await asyncio.gather(*ws, return_exceptions=True)

asyncio.run(main())
