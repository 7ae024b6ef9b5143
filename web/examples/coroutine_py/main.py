import asyncio


# Python 3.4's way, from the introduction: a generator marked as a
# coroutine, which waits with `yield from`. (3.11 removed the decorator;
# Loopscope brings it back so old programs run.)
@asyncio.coroutine
def old_style(name):
    print("old style: hello,", name)
    yield from asyncio.sleep(1)
    return len(name)


# The same coroutine since Python 3.5: async def and await.
async def greet(name):
    print("hello,", name)
    await asyncio.sleep(1)
    print("goodbye,", name)
    return len(name)


async def main():
    print("main starts")
    n = await greet("world")
    print("greet returned", n)
    m = await old_style("asyncio")
    print("old_style returned", m)
    return n + m


print("result:", asyncio.run(main()))
