# A task sees the context variables of the code that created it (asyncio
# copies the context at creation, also for a TaskGroup's tasks); what the
# new task sets stays its own.
import asyncio, contextvars

request = contextvars.ContextVar("request", default="none")

async def child(name):
    print(name, "sees:", request.get())
    request.set(name + "'s own")
    print(name, "set:", request.get())
    if name == "child":
        await asyncio.create_task(child("grandchild"))
        print(name, "after grandchild:", request.get())

async def main():
    print("main before:", request.get())
    request.set("req-1")
    await asyncio.create_task(child("child"))
    print("main after child:", request.get())
    async with asyncio.TaskGroup() as tg:
        tg.create_task(child("group task"))
    print("main after group:", request.get())

asyncio.run(main())
