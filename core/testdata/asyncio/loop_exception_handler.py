# A callback that raises goes to the exception handler; the loop carries on
# with the rest of the batch and the next iterations.
import asyncio

loop = asyncio.new_event_loop()
def handler(loop, context):
    print("handler:", context["exception"])
loop.set_exception_handler(handler)
def bad(n):
    print("bad", n)
    raise ValueError("boom %d" % n)
def good(name):
    print(name)
    if name == "after":
        loop.call_soon(bad, 2)
        loop.call_soon(good, "last")
    if name == "last":
        loop.stop()
loop.call_soon(bad, 1)
loop.call_soon(good, "after")
loop.run_forever()
print("loop still usable:", not loop.is_closed())
loop.close()
