# call_later(0) and a negative delay are due at once, but they still run
# after the callbacks already in the ready queue; among themselves the
# earlier deadline (the negative one) goes first.
import asyncio

loop = asyncio.new_event_loop()
def cb(name):
    print(name)
loop.call_soon(cb, "soon-1")
loop.call_later(0, cb, "later-0")
loop.call_soon(cb, "soon-2")
loop.call_later(-1, cb, "later-negative")
loop.call_soon(cb, "soon-3")
loop.call_later(0.001, loop.stop)
loop.run_forever()
loop.close()
