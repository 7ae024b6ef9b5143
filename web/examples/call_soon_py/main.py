import asyncio
import functools


def handler(loop, name, stop=False):
    print("handler called:", name)
    if stop:
        print("stopping the loop")
        loop.stop()


loop = asyncio.get_event_loop()
try:
    loop.call_soon(functools.partial(handler, loop, "first"))
    loop.call_soon(functools.partial(handler, loop, "second", stop=True))
    print("running forever (until stopped)")
    loop.run_forever()
finally:
    print("closing the loop; running:", loop.is_running())
    loop.close()
