import asyncio
import os
import urllib.request


async def download(url):
    # urlopen blocks: the whole loop waits for the (simulated) network.
    response = urllib.request.urlopen(url)
    filename = os.path.basename(url)
    size = 0
    with open(filename, "wb") as f:
        while True:
            chunk = response.read(1024)
            if not chunk:
                break
            size += f.write(chunk)
    return "downloaded {} ({} bytes) at {:.2f}s".format(filename, size, asyncio.get_running_loop().time())


async def main(urls):
    # Each task is named after its file: the timeline's lanes say which is which.
    tasks = [asyncio.create_task(download(url), name=os.path.basename(url)) for url in urls]
    done, pending = await asyncio.wait(tasks)
    for t in tasks:
        print(t.result())


urls = ["https://example.com/files/a.pdf",
        "https://example.com/files/b.pdf",
        "https://example.com/files/c.pdf"]
loop = asyncio.get_event_loop()
try:
    loop.run_until_complete(main(urls))
finally:
    loop.close()
