# Done-callbacks are scheduled with call_soon when the future completes:
# after what is already queued, in the order they were added, never inline.
import asyncio

loop = asyncio.new_event_loop()
fut = loop.create_future()
fut.add_done_callback(lambda f: print("done-1:", f.result()))
fut.add_done_callback(lambda f: print("done-2:", f.result()))
def complete():
    loop.call_soon(print, "queued before set_result")
    fut.set_result("v")
    print("set_result returned")
    loop.call_soon(lambda: (print("queued after set_result"), loop.stop()))
loop.call_soon(complete)
loop.run_forever()
loop.close()
