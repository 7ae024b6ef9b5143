# Abort breaks a barrier: its waiters and later callers get
# BrokenBarrierError; reset breaks only the current round.
import asyncio

async def party(b, name):
    try:
        await b.wait()
        print(name, "passed")
    except asyncio.BrokenBarrierError as e:
        print(name, "BrokenBarrierError:", e)

async def main():
    b = asyncio.Barrier(3)
    ts = [asyncio.create_task(party(b, n)) for n in ("a", "b")]
    await asyncio.sleep(0)
    await b.reset()
    await asyncio.gather(*ts)
    print("after reset, broken:", b.broken)
    ts = [asyncio.create_task(party(b, n)) for n in ("c", "d")]
    await asyncio.sleep(0)
    await b.abort()
    await asyncio.gather(*ts)
    await party(b, "late")
    print("broken:", b.broken)

asyncio.run(main())
