# A task awaiting another task resumes once it finishes, with its result.
import asyncio

async def inner():
    print("inner starts")
    await asyncio.sleep(0.01)
    print("inner returns")
    return 7
async def outer():
    print("outer starts")
    t = asyncio.create_task(inner())
    print("outer awaits inner")
    v = await t
    print("outer got", v)
    return v * 2
async def main():
    print("main got", await asyncio.create_task(outer()))
asyncio.run(main())
