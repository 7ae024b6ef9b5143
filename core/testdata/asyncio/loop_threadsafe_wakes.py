# call_soon_threadsafe from another thread wakes a loop that is waiting and
# its callback runs in the loop's thread.
import asyncio, threading

loop = asyncio.new_event_loop()
fut = loop.create_future()
def worker():
    loop.call_soon_threadsafe(fut.set_result, "from thread")
def start():
    print("loop waiting")
    threading.Thread(target=worker).start()
loop.call_soon(start)
print(loop.run_until_complete(fut))
loop.close()
