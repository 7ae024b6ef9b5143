# Tasks without a name are called Task-1, Task-2, ...; main (from run) is
# Task-1. An explicit name is kept.
import asyncio

async def child():
    print("child running as", asyncio.current_task().get_name())
async def main():
    print("main is", asyncio.current_task().get_name())
    a = asyncio.create_task(child())
    b = asyncio.create_task(child(), name="worker")
    c = asyncio.create_task(child())
    print([t.get_name() for t in (a, b, c)])
    for t in (a, b, c):
        await t
asyncio.run(main())
