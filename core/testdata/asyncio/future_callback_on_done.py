# A done-callback added to a future that is already done is still scheduled,
# not called inline.
import asyncio

loop = asyncio.new_event_loop()
fut = loop.create_future()
fut.set_result(1)
def step():
    loop.call_soon(print, "queued first")
    fut.add_done_callback(lambda f: print("late callback:", f.result()))
    print("add_done_callback returned")
    loop.call_soon(lambda: (print("queued last"), loop.stop()))
loop.call_soon(step)
loop.run_forever()
loop.close()
