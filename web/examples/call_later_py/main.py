import asyncio


def handler(loop, what):
    print(what, "at", loop.time())


def last(loop):
    print("five minutes from now, at", loop.time())
    loop.stop()


loop = asyncio.new_event_loop()
print("now:", loop.time())
loop.call_later(2, handler, loop, "two seconds later,")
# call_at takes an absolute loop time: five minutes from now.
loop.call_at(loop.time() + 300, last, loop)
loop.call_soon(handler, loop, "soon,")
loop.run_forever()
loop.close()
