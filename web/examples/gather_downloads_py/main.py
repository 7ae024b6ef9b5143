import asyncio
import os

import aiohttp  # Loopscope's stand-in: a simulated network, the same API
import async_timeout


async def download(session, url):
    async with async_timeout.timeout(10):
        async with session.get(url) as response:
            filename = os.path.basename(url)
            size = 0
            with open(filename, "wb") as f:
                while True:
                    chunk = await response.content.read(1024)
                    if not chunk:
                        break
                    size += f.write(chunk)
            return "downloaded {} ({} bytes) at {:.2f}s".format(
                filename, size, asyncio.get_running_loop().time())


async def main(urls):
    async with aiohttp.ClientSession() as session:
        results = await asyncio.gather(*(download(session, url) for url in urls))
    for r in results:
        print(r)


urls = ["https://example.com/files/a.pdf",
        "https://example.com/files/b.pdf",
        "https://example.com/files/c.pdf"]
asyncio.run(main(urls))
