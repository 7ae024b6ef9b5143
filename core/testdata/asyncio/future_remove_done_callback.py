# remove_done_callback removes every registration of the callback and says
# how many; once the future is done, its callbacks are scheduled already.
import asyncio

loop = asyncio.new_event_loop()
fut = loop.create_future()
def cb(f):
    print("cb ran")
def other(f):
    print("other ran")
fut.add_done_callback(cb)
fut.add_done_callback(other)
fut.add_done_callback(cb)
print("removed cb:", fut.remove_done_callback(cb))
print("removed cb again:", fut.remove_done_callback(cb))
fut.add_done_callback(cb)
fut.set_result(1)
print("removed after done:", fut.remove_done_callback(cb))
loop.call_soon(loop.stop)
loop.run_forever()
loop.close()
