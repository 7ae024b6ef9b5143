# Operations on a future in the wrong state raise InvalidStateError (or
# CancelledError for the result of a cancelled one).
import asyncio

loop = asyncio.new_event_loop()
fut = loop.create_future()
for name, f in (("result pending", fut.result), ("exception pending", fut.exception)):
    try:
        f()
    except asyncio.InvalidStateError as e:
        print(name, "-> InvalidStateError:", e)
fut.set_result(1)
for name, f in (("set_result twice", lambda: fut.set_result(2)),
                ("set_exception after result", lambda: fut.set_exception(ValueError()))):
    try:
        f()
    except asyncio.InvalidStateError:
        print(name, "-> InvalidStateError")
print("cancel done future:", fut.cancel())
print("result still:", fut.result())
c = loop.create_future()
print("cancel pending:", c.cancel(), "again:", c.cancel())
try:
    c.set_result(1)
except asyncio.InvalidStateError:
    print("set_result after cancel -> InvalidStateError")
try:
    c.result()
except asyncio.CancelledError:
    print("result of cancelled -> CancelledError")
try:
    c.exception()
except asyncio.CancelledError:
    print("exception of cancelled -> CancelledError")
loop.close()
