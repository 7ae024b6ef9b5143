import asyncio


async def sleeper(seconds):
    print("task: going to sleep for {}s".format(seconds))
    await asyncio.sleep(seconds)
    print("task: awake at", asyncio.get_running_loop().time())
    return "rested"


loop = asyncio.new_event_loop()
try:
    task = loop.create_task(sleeper(3))
    print("run_until_complete returned", loop.run_until_complete(task))
finally:
    loop.close()
print("task done:", task.done(), "| result:", task.result())
