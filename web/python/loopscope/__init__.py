# Loopscope's Python mode: asyncio on a loop that traces itself in core's
# schema (see runner.run). The same files run in the browser (Pyodide) and
# under /usr/bin/python3 (web/python/tests).
from .runner import install, run  # noqa: F401
