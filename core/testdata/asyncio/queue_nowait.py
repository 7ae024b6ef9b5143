# put_nowait on a full queue and get_nowait on an empty one fail at once.
import asyncio

async def main():
    q = asyncio.Queue(2)
    q.put_nowait("a")
    q.put_nowait("b")
    print("qsize:", q.qsize(), "full:", q.full(), "maxsize:", q.maxsize)
    try:
        q.put_nowait("c")
    except asyncio.QueueFull:
        print("QueueFull")
    print(q.get_nowait(), q.get_nowait())
    try:
        q.get_nowait()
    except asyncio.QueueEmpty:
        print("QueueEmpty")
    u = asyncio.Queue()
    for i in range(100):
        u.put_nowait(i)
    print("unbounded full:", u.full(), "qsize:", u.qsize())

asyncio.run(main())
