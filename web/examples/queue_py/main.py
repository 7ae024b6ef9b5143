import asyncio


async def producer(jobs):
    loop = asyncio.get_running_loop()
    for i in range(1, 6):
        print("put job", i, "at", loop.time())
        await jobs.put(i)


async def worker(name, jobs):
    loop = asyncio.get_running_loop()
    while True:
        job = await jobs.get()
        await asyncio.sleep(0.3)
        print(name, "finished job", job, "at", round(loop.time(), 1))
        jobs.task_done()


async def main():
    jobs = asyncio.Queue(maxsize=2)
    workers = [asyncio.create_task(worker(n, jobs), name=n) for n in ("worker-a", "worker-b")]
    await producer(jobs)
    # join waits until every job put has been marked done.
    await jobs.join()
    print("all jobs done at", round(asyncio.get_running_loop().time(), 1))
    for w in workers:
        w.cancel()


asyncio.run(main())
