# A closed loop refuses everything that would schedule a callback or run
# it; creating a future is still allowed. (core panics from the calls that
# schedule and returns the error from the calls that run.)
import asyncio

loop = asyncio.new_event_loop()
pending = loop.create_future()
done = loop.create_future()
done.set_result(None)
loop.close()

async def body():
    pass

def attempt(name, fn):
    try:
        fn()
        print(name + ": ok")
    except RuntimeError as e:
        print(name + ":", type(e).__name__, e)

noop = lambda: None
attempt("call_soon", lambda: loop.call_soon(noop))
attempt("call_later", lambda: loop.call_later(1, noop))
attempt("call_at", lambda: loop.call_at(1, noop))
attempt("call_soon_threadsafe", lambda: loop.call_soon_threadsafe(noop))
coro = body()
attempt("create_task", lambda: loop.create_task(coro))
coro.close()
attempt("add_done_callback on a done future", lambda: done.add_done_callback(lambda f: None))
attempt("run_forever", loop.run_forever)
attempt("run_until_complete", lambda: loop.run_until_complete(pending))
coro = body()
def run_on_closed():
    with asyncio.Runner(loop_factory=lambda: loop) as r:
        r.run(coro)
attempt("asyncio.run on it", run_on_closed)
coro.close()
f = loop.create_future()
print("create_future: ok, done", f.done())
attempt("close again", loop.close)
