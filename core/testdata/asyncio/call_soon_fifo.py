# call_soon runs callbacks first-in first-out; one scheduled from inside a
# callback waits for the next iteration, after everything already queued.
import asyncio

loop = asyncio.new_event_loop()
def cb(name):
    print(name)
    if name == "a":
        loop.call_soon(cb, "a-child")
loop.call_soon(cb, "a")
loop.call_soon(cb, "b")
loop.call_soon(cb, "c")
loop.call_soon(loop.stop)
loop.run_forever()
print("after stop")
loop.run_until_complete(asyncio.sleep(0))
loop.close()
