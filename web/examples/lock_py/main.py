import asyncio

balance = 100


async def withdraw(lock, who, amount):
    global balance
    async with lock:
        print(who, "holds the lock, sees", balance)
        current = balance
        await asyncio.sleep(0.1)
        balance = current - amount
        print(who, "leaves", balance)


async def main():
    account = asyncio.Lock()
    # Named tasks: the timeline's lanes and the state panel say who is who.
    alice = asyncio.create_task(withdraw(account, "alice", 30), name="alice")
    bob = asyncio.create_task(withdraw(account, "bob", 50), name="bob")
    await asyncio.gather(alice, bob)
    print("final balance:", balance)


asyncio.run(main())
