# A Barrier releases its parties together once the last arrives; each gets
# an index, and the barrier can be used again.
import asyncio

async def party(b, name, delay):
    await asyncio.sleep(delay)
    print(name, "arrives; waiting:", b.n_waiting)
    i = await b.wait()
    print(name, "passes with index", i)
    i = await b.wait()
    print(name, "passes round 2 with index", i)

async def main():
    b = asyncio.Barrier(3)
    await asyncio.gather(party(b, "a", 0.01), party(b, "b", 0.03), party(b, "c", 0.02))
    print("parties:", b.parties, "waiting:", b.n_waiting, "broken:", b.broken)
    try:
        asyncio.Barrier(0)
    except ValueError as e:
        print("ValueError:", e)

asyncio.run(main())
