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
    await asyncio.gather(withdraw(account, "alice", 30), withdraw(account, "bob", 50))
    print("final balance:", balance)


asyncio.run(main())
