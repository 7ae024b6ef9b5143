# run_until_complete on a future that is already done still runs one
# iteration (its done-callback is scheduled), so queued callbacks run too.
import asyncio

loop = asyncio.new_event_loop()
fut = loop.create_future()
fut.set_result("ready")
loop.call_soon(print, "queued before")
print("result:", loop.run_until_complete(fut))
loop.call_soon(print, "queued after")
loop.run_until_complete(fut)
loop.close()
