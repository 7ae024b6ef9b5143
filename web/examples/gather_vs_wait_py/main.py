import asyncio


async def job(name, seconds):
    await asyncio.sleep(seconds)
    return "{} after {}s".format(name, seconds)


async def main():
    loop = asyncio.get_running_loop()
    # gather: every result, in argument order, once all are done.
    results = await asyncio.gather(job("slow", 2), job("fast", 1))
    print("gather:", results, "at", loop.time())

    # wait: sets of done and pending tasks, here as soon as the first ends;
    # the rest keep running.
    slow = asyncio.create_task(job("slow2", 2), name="slow2")
    fast = asyncio.create_task(job("fast2", 1), name="fast2")
    done, pending = await asyncio.wait({slow, fast}, return_when=asyncio.FIRST_COMPLETED)
    print("wait:", len(done), "done,", len(pending), "pending, at", loop.time())
    for t in done:
        print("  done:", t.result())
    print("  later:", await slow, "at", loop.time())


asyncio.run(main())
