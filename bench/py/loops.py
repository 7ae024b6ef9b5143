"""CPython asyncio and uvloop side of `make bench`.

Usage: python3 loops.py asyncio|uvloop [--repeat N] [--min-time SECONDS]
Each throughput workload runs at least N times and until SECONDS have
passed; the best run is kept.
Prints one JSON object {"results": {name: {value, unit}}, "missing": {name: reason}}.
Each workload is the same work as the Go function in bench/workloads named
in its comment (the comments there say what differs between runtimes).
"""
import asyncio
import json
import random
import sys
import time
import tracemalloc


def call_soon(loop):
    # Same work as workloads.CallSoonChain: 1M callbacks, each scheduling the
    # next with call_soon; the last stops the loop.
    n = 1_000_000
    count = 0

    def f():
        nonlocal count
        count += 1
        if count < n:
            loop.call_soon(f)
        else:
            loop.stop()

    t0 = time.perf_counter()
    loop.call_soon(f)
    loop.run_forever()
    el = time.perf_counter() - t0
    assert count == n
    return n / el, "ops/s"


def task_switch(loop):
    # Same work as workloads.TaskSwitches: 10k tasks x 10 sleep(0), gathered by
    # a main task; 110k switches counted.
    tasks, yields = 10_000, 10
    steps = 0

    async def worker():
        nonlocal steps
        for _ in range(yields):
            await asyncio.sleep(0)
        steps += 1

    async def main():
        await asyncio.gather(*[loop.create_task(worker()) for _ in range(tasks)])

    t0 = time.perf_counter()
    loop.run_until_complete(main())
    el = time.perf_counter() - t0
    assert steps == tasks
    return tasks * (yields + 1) / el, "ops/s"


def timers(loop):
    # Same work as workloads.Timers: 200k call_at deadlines up to 1 s in the
    # past, in random order, drawn before the clock starts.
    n = 200_000
    r = random.Random(1)
    base = loop.time()
    when = [base - r.random() for _ in range(n)]
    fired = 0

    def g():
        nonlocal fired
        fired += 1
        if fired == n:
            loop.stop()

    t0 = time.perf_counter()
    for w in when:
        loop.call_at(w, g)
    loop.run_forever()
    el = time.perf_counter() - t0
    assert fired == n
    return n / el, "ops/s"


def gather(loop):
    # Same work as workloads.Gather: 100k tasks returning their index at once,
    # gathered by a main task; results checked.
    n = 100_000

    async def child(i):
        return i

    async def main():
        return await asyncio.gather(*[loop.create_task(child(i)) for i in range(n)])

    t0 = time.perf_counter()
    res = loop.run_until_complete(main())
    el = time.perf_counter() - t0
    assert len(res) == n and res[-1] == n - 1
    return n / el, "ops/s"


def queue(loop):
    # Same work as workloads.QueueTransfer: 1M ints from a producer task to a
    # consumer task through Queue(maxsize=100).
    n = 1_000_000

    async def main():
        q = asyncio.Queue(maxsize=100)
        got = 0

        async def producer():
            for i in range(n):
                await q.put(i)

        async def consumer():
            nonlocal got
            for _ in range(n):
                await q.get()
                got += 1

        await asyncio.gather(loop.create_task(producer()), loop.create_task(consumer()))
        return got

    t0 = time.perf_counter()
    got = loop.run_until_complete(main())
    el = time.perf_counter() - t0
    assert got == n
    return n / el, "ops/s"


def lock(loop):
    # Same work as workloads.LockContention: 1k tasks x 50 rounds of acquiring
    # one Lock, sleep(0) while holding it, releasing it.
    tasks, rounds = 1_000, 50
    held = 0

    async def main():
        lk = asyncio.Lock()

        async def worker():
            nonlocal held
            for _ in range(rounds):
                async with lk:
                    held += 1
                    await asyncio.sleep(0)

        await asyncio.gather(*[loop.create_task(worker()) for _ in range(tasks)])

    t0 = time.perf_counter()
    loop.run_until_complete(main())
    el = time.perf_counter() - t0
    assert held == tasks * rounds
    return tasks * rounds / el, "ops/s"


def mem_per_task(loop):
    # Same work as workloads.MemPerTask: 100k tasks suspended on one shared
    # future. Measured with tracemalloc (memory Python allocated, where tasks
    # and coroutine frames live), not RSS; Go counts heap plus stacks.
    n = 100_000
    gate = loop.create_future()
    finished = 0

    async def body():
        nonlocal finished
        await gate
        finished += 1

    def one_iteration():
        loop.stop()
        loop.run_forever()

    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    tasks = [loop.create_task(body()) for _ in range(n)]
    one_iteration()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    gate.set_result(None)
    one_iteration()
    assert finished == n and all(t.done() for t in tasks)
    return (after - before) / n, "bytes/task"


WORKLOADS = [
    (call_soon, True),
    (task_switch, True),
    (timers, True),
    (gather, True),
    (queue, True),
    (lock, True),
    (mem_per_task, False),
]


def main():
    args = sys.argv[1:]
    opts = dict(zip(args[1::2], args[2::2]))
    if not args or args[0] not in ("asyncio", "uvloop") or len(args) % 2 == 0 or set(opts) - {"--repeat", "--min-time"}:
        sys.exit("usage: loops.py asyncio|uvloop [--repeat N] [--min-time SECONDS]")
    repeat = int(opts.get("--repeat", 3))
    min_time = float(opts.get("--min-time", 0))
    if args[0] == "uvloop":
        import uvloop  # an ImportError here is reported by the driver as missing

        factory = uvloop.new_event_loop
    else:
        factory = asyncio.new_event_loop
    results, missing = {}, {}
    for fn, repeatable in WORKLOADS:
        until = time.monotonic() + (min_time if repeatable else 0)
        runs = 0
        while runs < (repeat if repeatable else 1) or time.monotonic() < until:
            runs += 1
            loop = factory()
            asyncio.set_event_loop(loop)
            try:
                value, unit = fn(loop)
            except Exception as e:  # reported, never dropped
                missing[fn.__name__] = f"failed: {e!r}"
                break
            finally:
                loop.close()
            best = results.get(fn.__name__)
            if best is None or value > best["value"]:
                results[fn.__name__] = {"value": value, "unit": unit}
        if fn.__name__ == "mem_per_task" and fn.__name__ in results:
            results[fn.__name__]["note"] = "tracemalloc traced-bytes delta"
    print(json.dumps({"results": results, "missing": missing}))


if __name__ == "__main__":
    main()
