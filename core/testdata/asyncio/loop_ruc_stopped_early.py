# A stop() before the future completes ends run_until_complete with an error;
# the future stays pending and a later run can finish it.
import asyncio

loop = asyncio.new_event_loop()
fut = loop.create_future()
loop.call_soon(loop.stop)
loop.call_later(0.1, fut.set_result, "late")
try:
    loop.run_until_complete(fut)
except RuntimeError as e:
    print("error:", e)
print("done:", fut.done())
print("result:", loop.run_until_complete(fut))
loop.close()
