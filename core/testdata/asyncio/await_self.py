# A task awaiting itself gets an error (RuntimeError "Task cannot await on
# itself"), but in a step of its own: what was already ready runs first.
import asyncio

async def main():
    async def other():
        print("other runs")

    async def s():
        await asyncio.sleep(0)
        print("s awaits itself")
        try:
            await me
        except RuntimeError:
            print("s got: cannot await itself")
        return "s done"

    me = asyncio.create_task(s())
    await asyncio.sleep(0)
    asyncio.create_task(other())
    print(await me)

asyncio.run(main())
