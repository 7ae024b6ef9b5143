# Misuse of a running or closed loop is a clear error.
import asyncio

loop = asyncio.new_event_loop()
def inside():
    for name, f in (("run_forever", loop.run_forever),
                    ("run_until_complete", lambda: loop.run_until_complete(loop.create_future())),
                    ("close", loop.close)):
        try:
            f()
        except RuntimeError as e:
            print(name, "inside:", e)
    print("running:", loop.is_running())
    loop.stop()
loop.call_soon(inside)
loop.run_forever()
print("running:", loop.is_running(), "closed:", loop.is_closed())
loop.close()
loop.close()
print("closed:", loop.is_closed())
for name, f in (("call_soon", lambda: loop.call_soon(print)),
                ("call_later", lambda: loop.call_later(1, print)),
                ("call_at", lambda: loop.call_at(1, print)),
                ("run_forever", loop.run_forever),
                ("call_soon_threadsafe", lambda: loop.call_soon_threadsafe(print))):
    try:
        f()
    except RuntimeError as e:
        print(name, "after close:", e)
