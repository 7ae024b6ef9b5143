# Timers with the same deadline. CPython's heap compares deadlines only, so
# its order for ties is not promised (with a fourth, later timer in the heap
# it fires these as first, third, second); for three alone it happens to be
# scheduling order, which is what core guarantees for any number.
import asyncio

loop = asyncio.new_event_loop()
done = loop.create_future()
count = 0
def cb(name):
    global count
    print(name)
    count += 1
    if count == 3:
        done.set_result(None)
when = loop.time() + 0.01
loop.call_at(when, cb, "first")
loop.call_at(when, cb, "second")
loop.call_at(when, cb, "third")
loop.run_until_complete(done)
loop.close()
