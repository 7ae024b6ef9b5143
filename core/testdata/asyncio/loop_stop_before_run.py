# stop() before run_forever() makes it run exactly one iteration: what was
# ready, plus timers already due; what that iteration schedules waits.
import asyncio

loop = asyncio.new_event_loop()
def cb(name):
    print(name)
def a():
    print("a")
    loop.call_soon(cb, "scheduled by a")
loop.call_soon(a)
loop.call_later(0, cb, "due timer")
loop.call_later(10, cb, "far timer")
loop.stop()
loop.run_forever()
print("one iteration done")
loop.stop()
loop.run_forever()
print("second iteration done")
loop.close()
