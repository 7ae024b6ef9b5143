import asyncio

done = False


async def worker():
    global done
    await asyncio.sleep(0.1)
    done = True


async def main():
    w = asyncio.create_task(worker(), name="worker")
    # Poll until the worker is done, giving up after 100 tries.
    tries = 0
    while not done:
        if tries == 100:
            print("gave up waiting for the worker")
            break
        await asyncio.sleep(0)
        tries += 1
    await w


asyncio.run(main())
