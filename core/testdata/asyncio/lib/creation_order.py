# CPython leaves two orders to set iteration, which follows object addresses
# and so differs from machine to machine: which leftover task asyncio.run
# cancels first, and which task a failing TaskGroup cancels first. core does
# both in creation order (documented on Run and WithTaskGroup); these patches
# make CPython do the same, so a pin prints one thing everywhere.
import asyncio, itertools, weakref

_serial = itertools.count()
_created = weakref.WeakKeyDictionary()

def task_factory(loop, coro, **kwargs):
    task = asyncio.Task(coro, loop=loop, **kwargs)
    _created[task] = next(_serial)
    return task

_all_tasks = asyncio.tasks.all_tasks

def all_tasks_in_creation_order(loop=None):
    return sorted(_all_tasks(loop), key=lambda t: _created.get(t, -1))

class _InsertionOrderedSet:
    """The part of set that TaskGroup uses, iterated in insertion order."""
    def __init__(self):
        self._d = {}
    def add(self, x):
        self._d[x] = None
    def discard(self, x):
        self._d.pop(x, None)
    def __iter__(self):
        return iter(list(self._d))
    def __len__(self):
        return len(self._d)

_taskgroup_init = asyncio.TaskGroup.__init__

def _ordered_taskgroup_init(self, *args, **kwargs):
    _taskgroup_init(self, *args, **kwargs)
    self._tasks = _InsertionOrderedSet()

def install():
    asyncio.tasks.all_tasks = all_tasks_in_creation_order
    asyncio.all_tasks = all_tasks_in_creation_order
    asyncio.TaskGroup.__init__ = _ordered_taskgroup_init
