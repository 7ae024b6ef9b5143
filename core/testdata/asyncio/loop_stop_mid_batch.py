# stop() from a callback lets the rest of the current batch run; what the
# batch scheduled waits for the next run.
import asyncio

loop = asyncio.new_event_loop()
def cb(name):
    print(name)
def a():
    print("a")
    loop.call_soon(cb, "scheduled by a")
def stopper():
    print("stop")
    loop.stop()
    loop.call_soon(cb, "scheduled by stopper")
loop.call_soon(a)
loop.call_soon(stopper)
loop.call_soon(cb, "b")
loop.run_forever()
print("run_forever returned, running:", loop.is_running())
loop.call_soon(loop.stop)
loop.run_forever()
print("second run returned")
loop.close()
