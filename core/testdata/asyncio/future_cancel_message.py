# Cancelling a future with a message: done-callbacks see it cancelled and
# result() raises CancelledError carrying the message.
import asyncio

loop = asyncio.new_event_loop()
fut = loop.create_future()
def cb(f):
    print("callback: cancelled =", f.cancelled(), "done =", f.done())
    try:
        f.result()
    except asyncio.CancelledError as e:
        print("result raised CancelledError:", e.args[0] if e.args else "")
fut.add_done_callback(cb)
print("cancel:", fut.cancel("no longer needed"))
loop.call_soon(loop.stop)
loop.run_forever()
loop.close()
