# run_until_complete returns the future's result once a timer sets it, and
# raises the future's exception.
import asyncio

loop = asyncio.new_event_loop()
fut = loop.create_future()
loop.call_later(0.01, fut.set_result, 42)
print("result:", loop.run_until_complete(fut))
bad = loop.create_future()
loop.call_soon(bad.set_exception, ValueError("nope"))
try:
    loop.run_until_complete(bad)
except ValueError as e:
    print("raised:", e)
print("running:", loop.is_running())
loop.close()
