import asyncio


async def forever():
    await asyncio.sleep(100)
    print("never printed")


async def waits_for(task):
    await task


loop = asyncio.new_event_loop()
lonely = loop.create_task(forever(), name="lonely")
awaited = loop.create_task(forever(), name="awaited")
waiter = loop.create_task(waits_for(awaited), name="waiter")
loop.run_until_complete(asyncio.sleep(1))
loop.close()
print("loop closed")
