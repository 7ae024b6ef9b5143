# run_until_complete on a task runs the loop until the task returns; other
# callbacks interleave with its steps; a task that raises re-raises.
import asyncio

loop = asyncio.new_event_loop()
async def work():
    print("step 1")
    await asyncio.sleep(0)
    print("step 2")
    await asyncio.sleep(0.01)
    print("step 3")
    return "done"
def cb():
    print("callback")
task = loop.create_task(work())
loop.call_soon(cb)
print("result:", loop.run_until_complete(task))
async def fail():
    await asyncio.sleep(0)
    raise KeyError("missing")
try:
    loop.run_until_complete(loop.create_task(fail()))
except KeyError as e:
    print("raised:", e)
loop.close()
