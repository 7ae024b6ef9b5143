# A blocking call inside a task (time.sleep instead of await asyncio.sleep)
# stops the whole loop: the ticker's 10 ms sleep takes at least 300 ms. The
# blocker blocks after one yield, long before the 10 ms are up, so no load on
# the machine can let a tick in first.
# clock: real
import asyncio, time

async def ticker(gaps):
    loop = asyncio.get_running_loop()
    for i in range(3):
        t0 = loop.time()
        await asyncio.sleep(0.01)
        gaps.append(loop.time() - t0)
        print("tick", i)

async def blocker():
    await asyncio.sleep(0)
    print("blocker blocks the loop")
    time.sleep(0.3)
    print("blocker done")

async def main():
    gaps = []
    await asyncio.gather(ticker(gaps), blocker())
    print("a tick waited >= 300 ms:", any(g >= 0.3 for g in gaps))
    print("ticks that were on time:", sum(1 for g in gaps if g < 0.2))

asyncio.run(main())
