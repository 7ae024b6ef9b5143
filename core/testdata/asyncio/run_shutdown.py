# asyncio.run cancels the tasks main left behind, in creation order (core's
# rule; CPython walks a set, which lib/creation_order.py makes ordered); their
# cleanup runs (and may await) before the loop closes.
import asyncio

async def lingering(name):
    try:
        print(name, "starts")
        await asyncio.sleep(100)
    except asyncio.CancelledError:
        print(name, "cancelled")
        await asyncio.sleep(0)
        print(name, "cleanup after await")
        raise
    finally:
        print(name, "finally")
async def main():
    asyncio.create_task(lingering("t1"))
    asyncio.create_task(lingering("t2"))
    await asyncio.sleep(0)
    print("main returns")
    return "main result"
print("run returned:", asyncio.run(main()))
