# The handle the exception handler is given keeps meaning its one callback:
# cancelling it later leaves the callbacks scheduled since alone.
import asyncio

loop = asyncio.new_event_loop()
kept = []
loop.set_exception_handler(lambda loop, ctx: kept.append(ctx["handle"]))
f = loop.create_future()
def boom(f):
    raise ValueError("boom")
f.add_done_callback(boom)
f.set_result(1)
loop.call_soon(loop.stop)
loop.run_forever()
print("handler got a handle:", len(kept) == 1)
ran = []
for i in range(3):
    g = loop.create_future()
    g.add_done_callback(lambda g, i=i: ran.append(i))
    g.set_result(2)
kept[0].cancel()
loop.call_soon(loop.stop)
loop.run_forever()
print("later done-callbacks ran:", len(ran))
loop.close()
