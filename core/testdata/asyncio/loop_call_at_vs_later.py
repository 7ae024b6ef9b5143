# call_at takes an absolute loop time, call_later a delay from now; both end
# up in the same timer heap and fire by deadline. (A delay is measured from
# the moment of the call, so it is printed relative to the time just before.)
import asyncio

loop = asyncio.new_event_loop()
t0 = loop.time()
def cb(name):
    print(name)
def later(d, name):
    before = loop.time()
    h = loop.call_later(d, cb, name)
    return round((h.when() - before) * 1000)
offsets = [
    later(0.2, "later 200ms"),
    round((loop.call_at(t0 + 0.1, cb, "at 100ms").when() - t0) * 1000),
    round((loop.call_at(t0 + 0.4, cb, "at 400ms").when() - t0) * 1000),
    later(0.15, "later 150ms"),
]
for o in offsets:
    print(o)
loop.call_at(t0 + 0.5, loop.stop)
loop.run_forever()
loop.close()
