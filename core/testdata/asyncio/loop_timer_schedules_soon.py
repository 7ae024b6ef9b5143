# A timer callback's call_soon runs before a later timer; timers that come
# due together run in one batch with the ready queue in front of them.
import asyncio

loop = asyncio.new_event_loop()
def cb(name):
    print(name)
def t1():
    print("timer 10ms")
    loop.call_soon(cb, "soon from timer")
    loop.call_later(0, cb, "later(0) from timer")
loop.call_later(0.01, t1)
loop.call_later(0.1, cb, "timer 100ms")
loop.call_later(0.2, loop.stop)
loop.run_forever()
loop.close()
