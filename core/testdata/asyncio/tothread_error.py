# An error raised by the blocking function comes back to the awaiting task.
import asyncio

def blocking():
    raise ValueError("disk full")

async def main():
    try:
        await asyncio.to_thread(blocking)
    except ValueError as e:
        print("main sees:", e)

asyncio.run(main())
