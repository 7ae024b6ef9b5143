import asyncio


async def slow_operation():
    print("slow operation: started")
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("slow operation: interrupted")
        raise
    return "finished"


async def main():
    loop = asyncio.get_running_loop()
    # timeout: a deadline around a block of code in the current task.
    try:
        async with asyncio.timeout(2):
            await slow_operation()
    except TimeoutError:
        print("timeout: TimeoutError at", loop.time())

    # wait_for: a deadline on one awaitable, which is cancelled.
    task = asyncio.create_task(slow_operation(), name="slow")
    try:
        await asyncio.wait_for(task, 1)
    except TimeoutError:
        print("wait_for: TimeoutError | task cancelled:", task.cancelled(), "| at", loop.time())


asyncio.run(main())
