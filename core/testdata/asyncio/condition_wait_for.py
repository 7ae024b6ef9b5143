# wait_for re-checks its predicate after every notification.
import asyncio

async def consumer(cond, box):
    async with cond:
        await cond.wait_for(lambda: len(box) >= 3)
        print("consumer sees", box)

async def main():
    cond = asyncio.Condition()
    box = []
    c = asyncio.create_task(consumer(cond, box))
    for i in range(4):
        await asyncio.sleep(0.01)
        async with cond:
            box.append(i)
            print("put", i)
            cond.notify_all()
    await c

asyncio.run(main())
