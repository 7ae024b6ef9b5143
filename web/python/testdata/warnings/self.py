import asyncio


async def s():
    await asyncio.sleep(0)
    print("s awaits itself")
    try:
        await asyncio.current_task()
    except RuntimeError as e:
        print("s got", str(e).split(":")[0])
    return "s done"


async def other():
    print("other runs")


async def main():
    me = asyncio.create_task(s(), name="s")
    await asyncio.sleep(0)
    asyncio.create_task(other(), name="other")
    print(await me)


asyncio.run(main())
