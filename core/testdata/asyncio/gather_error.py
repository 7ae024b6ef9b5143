import asyncio

from lib.virtual_loop import VirtualLoop, run

from lib.scenario import now, desc, start, work

# The first error reaches the caller at once; the other children keep
# running, and a later error is not reported again.
async def main():
    start()
    loop = asyncio.get_running_loop()
    a = loop.create_task(work("a", 0.3), name="a")
    b = loop.create_task(work("b", 0.1, fail=True), name="b")
    c = loop.create_task(work("c", 0.2, fail=True), name="c")
    try:
        await asyncio.gather(a, b, c)
    except Exception as e:
        print(now(), "gather raised", desc(e))
    print("a done?", a.done(), "c done?", c.done())
    await asyncio.sleep(0.5)
    print(now(), "a:", a.result(), "c:", desc(c.exception()))
run(main())
