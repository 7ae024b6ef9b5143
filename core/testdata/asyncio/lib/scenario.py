# Shared by the pinned scenarios: time since start() and how errors print.
import asyncio

T0 = 0.0

def now():
    return "%.1f" % (asyncio.get_running_loop().time() - T0)

def desc(e):
    if isinstance(e, BaseExceptionGroup):
        return "ExceptionGroup(" + ", ".join(desc(x) for x in e.exceptions) + ")"
    s = str(e)
    return type(e).__name__ + (": " + s if s else "")

def start():
    global T0
    T0 = asyncio.get_running_loop().time()
