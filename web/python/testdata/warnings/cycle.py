import asyncio

tasks = {}


async def a():
    await asyncio.sleep(0)
    print("a awaits b")
    return await tasks["b"]


async def b():
    await asyncio.sleep(0)
    print("b awaits a")
    return await tasks["a"]


async def main():
    tasks["a"] = asyncio.create_task(a(), name="a")
    tasks["b"] = asyncio.create_task(b(), name="b")
    return await tasks["a"]


asyncio.run(main())
