# A callback scheduled from inside a callback runs on the next iteration,
# after everything that was already queued, generation by generation.
# (The sixth callback stops the loop.)
import asyncio

loop = asyncio.new_event_loop()
count = 0
def cb(name, depth):
    global count
    print(name)
    count += 1
    if count == 6:
        loop.stop()
    if depth > 0:
        loop.call_soon(cb, name + "+", depth - 1)
loop.call_soon(cb, "a", 2)
loop.call_soon(cb, "b", 1)
loop.call_soon(cb, "c", 0)
loop.run_forever()
loop.close()
