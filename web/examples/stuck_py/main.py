import asyncio


async def main():
    reply = asyncio.get_running_loop().create_future()
    print("waiting for a reply nobody will send")
    await reply


asyncio.run(main())
