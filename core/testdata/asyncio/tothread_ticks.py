# to_thread runs blocking work off the loop: other tasks keep running while
# it waits, and the result comes back to the awaiting task.
import asyncio, threading

gate = threading.Event()

def blocking():
    gate.wait()
    return 42

async def ticker():
    for i in range(3):
        print("tick", i)
        await asyncio.sleep(0)
    print("ticker lets the work finish")
    gate.set()

async def main():
    t = asyncio.create_task(ticker())
    print("main starts the work")
    result = await asyncio.to_thread(blocking)
    print("result", result, "ticker done:", t.done())

asyncio.run(main())
