# Timers fire by deadline, not by the order they were scheduled in. (The
# deadlines are far apart so that a busy machine cannot reorder them.)
import asyncio

loop = asyncio.new_event_loop()
def cb(name):
    print(name)
loop.call_later(0.4, cb, "400ms")
loop.call_later(0.1, cb, "100ms")
loop.call_later(0.2, cb, "200ms")
loop.call_later(0.3, cb, "300ms")
loop.call_later(0.5, loop.stop)
loop.run_forever()
loop.close()
