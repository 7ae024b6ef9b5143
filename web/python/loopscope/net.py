# A simulated network for the introduction's download programs: the browser's
# Python has no sockets, and the point of those programs is how the waiting
# is spent. Every URL answers with a few KB after a latency fixed by the URL
# (so every run shows the same timeline):
#  - urllib.request.urlopen blocks (the loop is charged the latency, as a
#    real blocking download would hold it), so the downloads serialise;
#  - aiohttp.ClientSession and async_timeout.timeout are small stand-ins
#    with the API the introduction uses, whose waits are awaits, so the
#    downloads overlap.
import asyncio
import io
import sys
import types
import zlib

from . import compat, tasks, trace


def latency(url):
    """Seconds the simulated server takes to answer url: 0.2 to 0.6."""
    return 0.2 + (zlib.crc32(url.encode()) % 9) * 0.05


def body(url):
    n = 2048 + zlib.crc32(url.encode()[::-1]) % 2048
    line = ("%s\n" % url).encode()
    return (line * (n // len(line) + 1))[:n]


class Response(io.BytesIO):
    """What urlopen returns: a file-like body with a status."""

    def __init__(self, url):
        super().__init__(body(url))
        self.url = url
        self.status = 200
        self.headers = {"Content-Type": "application/octet-stream"}

    def getcode(self):
        return self.status

    def geturl(self):
        return self.url


def urlopen(url, data=None, timeout=None, **kwargs):
    url = getattr(url, "full_url", url)
    secs = latency(url)
    _simulated()
    if not compat.block(secs, "urlopen(%r) (simulated download)" % url,
                        "urlopen blocks the event loop while it downloads: the other downloads wait"):
        trace.real_sleep(secs)
    return Response(url)


# aiohttp stand-in: what "Asyncio: An Introduction" uses.
CHUNK_SECONDS = 0.05  # each chunk read after the headers arrive


def _simulated():
    tr = trace.tracer()
    if tr is not None:
        tr.simulated += 1


def _answer(url):
    """The simulated server's answer to url, due after its latency."""
    _simulated()
    return _arrival("response from %s (simulated)" % url, latency(url))


def _arrival(what, secs):
    """A future named for what the network brings, done after secs: the
    timeline and the loop's state then say the task waits for it, where
    asyncio.sleep would have them say it sleeps."""
    loop = asyncio.get_running_loop()
    fut = tasks.TracedFuture(loop=loop, name=what)
    loop.call_later(secs, asyncio.futures._set_result_unless_cancelled, fut, None)
    return fut


class StreamReader:
    def __init__(self, url, data):
        self._url = url
        self._data = data

    async def read(self, n=-1):
        if not self._data:
            return b""
        await _arrival("data from %s (simulated)" % self._url, CHUNK_SECONDS)
        if n < 0:
            n = len(self._data)
        chunk, self._data = self._data[:n], self._data[n:]
        return chunk


class _Done:
    """release(): a no-op that may be awaited (old aiohttp made it a coroutine)."""

    def __await__(self):
        return iter(())


class ClientResponse:
    def __init__(self, url):
        self.url = url
        self.status = 200
        self.content = StreamReader(url, body(url))

    async def read(self):
        return await self.content.read()

    async def text(self, encoding="utf-8"):
        return (await self.read()).decode(encoding)

    def release(self):
        return _Done()

    def close(self):
        pass


class _Request:
    """session.get(url): awaitable, and an async context manager."""

    def __init__(self, url):
        self._url = url
        self._resp = None

    async def _send(self):
        await _answer(self._url)
        return ClientResponse(self._url)

    def __await__(self):
        return self._send().__await__()

    async def __aenter__(self):
        self._resp = await self._send()
        return self._resp

    async def __aexit__(self, *exc):
        self._resp.release()


class ClientSession:
    def __init__(self, *args, loop=None, **kwargs):
        self.closed = False

    def get(self, url, **kwargs):
        return _Request(str(url))

    request = lambda self, method, url, **kw: _Request(str(url))

    async def close(self):
        self.closed = True

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        await self.close()


class timeout:
    """async_timeout.timeout(delay): cancels the task inside the block after
    delay seconds and raises asyncio.TimeoutError. Plain `with` works too, as
    in async_timeout 1.x, which the introduction uses."""

    def __init__(self, delay, *, loop=None):
        self._delay = delay
        self._handle = None
        self._task = None
        self.expired = False

    def __enter__(self):
        self._task = asyncio.current_task()
        if self._task is None:
            raise RuntimeError("Timeout context manager should be used inside a task")
        if self._delay is not None:
            self._handle = asyncio.get_running_loop().call_later(self._delay, self._expire)
        return self

    def __exit__(self, exc_type, exc, tb):
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None
        if self.expired and exc_type is asyncio.CancelledError:
            raise asyncio.TimeoutError from None
        return None

    async def __aenter__(self):
        return self.__enter__()

    async def __aexit__(self, *exc):
        return self.__exit__(*exc)

    def _expire(self):
        self.expired = True
        self._task.cancel()


class _Loader:
    """Loads urllib.request as usual, then gives it the simulated urlopen."""

    def __init__(self, inner):
        self.inner = inner

    def create_module(self, spec):
        return self.inner.create_module(spec)

    def exec_module(self, module):
        self.inner.exec_module(module)
        module.urlopen = urlopen


class _PatchOnImport:
    """urllib.request (with http.client and email) costs a third of the
    prelude's start-up: it is patched when a program imports it instead."""

    def find_spec(self, name, path=None, target=None):
        if name != "urllib.request":
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None:
                spec.loader = _Loader(spec.loader)
                return spec
        return None


def install():
    if "urllib.request" in sys.modules:
        sys.modules["urllib.request"].urlopen = urlopen
    else:
        sys.meta_path.insert(0, _PatchOnImport())
    aiohttp = types.ModuleType("aiohttp", "Loopscope's stand-in for aiohttp (simulated network)")
    aiohttp.ClientSession = ClientSession
    aiohttp.ClientResponse = ClientResponse
    aiohttp.ClientTimeout = lambda total=None, **kw: total
    sys.modules["aiohttp"] = aiohttp
    at = types.ModuleType("async_timeout", "Loopscope's stand-in for async_timeout")
    at.timeout = timeout
    sys.modules["async_timeout"] = at
