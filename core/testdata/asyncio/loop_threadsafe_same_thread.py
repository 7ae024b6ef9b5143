# call_soon_threadsafe from the loop's own thread joins the ready queue in
# call order, like call_soon.
import asyncio

loop = asyncio.new_event_loop()
def cb(name):
    print(name)
def mixer():
    loop.call_soon(cb, "soon-1")
    loop.call_soon_threadsafe(cb, "threadsafe-1")
    loop.call_soon(cb, "soon-2")
    loop.call_soon_threadsafe(cb, "threadsafe-2")
    loop.call_soon_threadsafe(loop.stop)
loop.call_soon_threadsafe(cb, "threadsafe before run")
loop.call_soon(cb, "soon before run")
loop.call_soon(mixer)
loop.run_forever()
loop.close()
