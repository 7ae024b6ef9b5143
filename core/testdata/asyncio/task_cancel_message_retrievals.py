# The cancel message of a task cancelled while it ran reaches the first
# retrieval of its error only; CPython's later retrievals get a bare
# CancelledError. core keeps the message on every retrieval on purpose (see
# doc.go), so its test prints its own lines for the later retrievals.
import asyncio

def msg(task):
    try:
        task.result()
    except asyncio.CancelledError as e:
        return repr(e.args[0]) if e.args else "no message"

async def main():
    async def worker():
        await asyncio.sleep(1)
    task = asyncio.create_task(worker())
    await asyncio.sleep(0)
    task.cancel("shutting down")
    try:
        await task
    except asyncio.CancelledError as e:
        print("await:", repr(e.args[0]) if e.args else "no message")
    print("result:", msg(task))
    print("result again:", msg(task))

asyncio.run(main())
