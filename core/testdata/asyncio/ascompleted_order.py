import asyncio

from lib.virtual_loop import VirtualLoop, run

from lib.scenario import now, desc, start, work

# as_completed hands results out in the order the tasks finish.
async def main():
    start()
    loop = asyncio.get_running_loop()
    ts = [loop.create_task(work(n, d, fail=(n == "b")), name=n)
          for n, d in (("a", 0.3), ("b", 0.2), ("c", 0.1), ("d", 0.4))]
    for aw in asyncio.as_completed(ts):
        try:
            r = await aw
            print(now(), "next:", r)
        except ValueError as e:
            print(now(), "next raised", desc(e))
run(main())
