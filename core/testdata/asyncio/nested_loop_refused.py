# One running loop per thread: running another loop, or asyncio.run, from a
# task or a callback of a running loop is refused; running the same loop
# again says it is already running. The refused loop can be used later.
import asyncio

def attempt(what, fn):
    try:
        fn()
        print(what, "ran")
    except RuntimeError as e:
        print(what, "refused:", e)

async def main():
    loop = asyncio.get_running_loop()
    other = asyncio.new_event_loop()
    attempt("other.run_until_complete", lambda: other.run_until_complete(other.create_future()))
    attempt("other.run_forever", other.run_forever)
    attempt("loop.run_forever", loop.run_forever)
    async def noop():
        return 1
    coro = noop()
    attempt("asyncio.run", lambda: asyncio.run(coro))
    coro.close()
    done = loop.create_future()
    def callback():
        attempt("from a callback: other.run_forever", other.run_forever)
        done.set_result(None)
    loop.call_soon(callback)
    await done
    return other

other = asyncio.run(main())
print("afterwards other runs:", other.run_until_complete(asyncio.sleep(0, "yes")))
other.close()
