# A future that failed: exception() returns the error, result() raises it,
# done-callbacks still run, and cancel() does nothing.
import asyncio

loop = asyncio.new_event_loop()
fut = loop.create_future()
fut.add_done_callback(lambda f: print("callback sees:", f.exception()))
fut.set_exception(ValueError("bad input"))
print("done:", fut.done(), "cancelled:", fut.cancelled())
print("exception:", fut.exception())
try:
    fut.result()
except ValueError as e:
    print("result raised:", e)
print("cancel:", fut.cancel())
loop.call_soon(loop.stop)
loop.run_forever()
loop.close()
