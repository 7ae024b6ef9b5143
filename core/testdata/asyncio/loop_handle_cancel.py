# A cancelled handle never runs: cancelled before the run, or by a callback
# earlier in the same batch; a cancelled timer never fires.
import asyncio

loop = asyncio.new_event_loop()
def cb(name):
    print(name)
h1 = loop.call_soon(cb, "one")
h2 = loop.call_soon(cb, "two")
h3 = loop.call_soon(cb, "three")
h2.cancel()
print("h2 cancelled:", h2.cancelled())
def killer():
    print("killer")
    h5.cancel()
    t.cancel()
loop.call_soon(killer)
h5 = loop.call_soon(cb, "five")
t = loop.call_later(0.01, cb, "timer")
loop.call_later(0.02, cb, "other timer")
loop.call_later(0.03, loop.stop)
h1.cancel(); h1.cancel()
print("h1 cancelled:", h1.cancelled(), "h3 cancelled:", h3.cancelled())
loop.run_forever()
print("timer cancelled:", t.cancelled())
loop.close()
