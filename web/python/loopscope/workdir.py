# Each run's own working directory. Pyodide's file system lives as long as
# the worker, so a file one run wrote was there for the next run to read,
# as if the programs had run one inside the other. A run starts in an empty
# directory, which is also where tempfile puts its files, and the directory
# goes with everything in it when the run ends; the interpreter goes back to
# the directory it was in (a program may have changed it).
#
# A program can also write at an absolute path: /tmp/x, ~/notes, or
# /data.txt. Under Pyodide, what a run added under /tmp and the home
# directory is removed when it ends too, and so is a file or directory it
# made at the top of the file system. Only what the run added: what was
# there before it (none of it a program's, as every run removes its own)
# stays, and so does what a run wrote inside the other folders at the top,
# Pyodide's stdlib and site-packages above all. Never natively (the tests
# run the prelude under CPython): there /tmp, the home directory and / are
# the machine's, shared with other programs writing there at the same moment.
import os
import shutil
import site
import sys
import sysconfig
import tempfile


def enter(roots=None):
    """Moves into a new, empty directory; returns what leave() needs.

    roots: the directories whose additions leave() removes; by default /tmp
    and the home directory under Pyodide, none natively. Under Pyodide (by
    default) what the run adds at the top of the file system goes too."""
    top = None
    if roots is None:
        pyodide = sys.platform == "emscripten"
        roots = _scratch_roots() if pyodide else ()
        top = set(os.listdir("/")) if pyodide else None
    roots = [r for r in dict.fromkeys(os.path.realpath(r) for r in roots) if _safe_root(r)]
    before = {r: _tree(r) for r in roots}
    was = os.getcwd(), tempfile.tempdir
    path = tempfile.mkdtemp(prefix="run-")
    os.chdir(path)
    tempfile.tempdir = path
    return path, was, before, top


def leave(entered):
    """Goes back to where enter() was called, and removes the run's directory
    and what the run added under the roots and at the top of the file system."""
    path, (home, tempdir), before, top = entered
    tempfile.tempdir = tempdir
    # A program may have removed the directory it started in.
    os.makedirs(home, exist_ok=True)
    os.chdir(home)
    shutil.rmtree(path, ignore_errors=True)
    for root, had in before.items():
        _remove_added(root, had)
    if top is not None:
        for n in set(os.listdir("/")) - top:
            _remove(os.path.join("/", n))


def _scratch_roots():
    return ("/tmp", os.path.expanduser("~"))


def _install_dirs():
    """Where the interpreter's own files are: never cleaned."""
    dirs = set(site.getsitepackages())
    paths = sysconfig.get_paths()
    dirs.update(paths[k] for k in ("stdlib", "platstdlib", "purelib", "platlib") if k in paths)
    dirs.add(os.path.dirname(os.__file__))
    dirs.add(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # loopscope's own
    return {os.path.realpath(d) for d in dirs if d}


def _safe_root(root):
    """A root is cleaned only if no file of the interpreter's is in it (a home
    directory of "/" would hold them all)."""
    if not os.path.isdir(root) or root == os.path.realpath("/"):
        return False
    return not any(d == root or d.startswith(root.rstrip("/") + "/") for d in _install_dirs())


def _tree(root):
    """Every path under root (not following links)."""
    seen = set()
    for d, dirs, files in os.walk(root):
        seen.update(os.path.join(d, n) for n in dirs + files)
    return seen


def _remove_added(root, had):
    # The root itself may be gone: a program removed /tmp. Put it back, as
    # the next run's directory is made there.
    os.makedirs(root, exist_ok=True)
    for d, dirs, files in os.walk(root):
        for n in files:
            p = os.path.join(d, n)
            if p not in had:
                _remove(p)
        # A directory the run added goes whole; one that was there is walked.
        added = [n for n in dirs if os.path.join(d, n) not in had]
        for n in added:
            _remove(os.path.join(d, n))
        dirs[:] = [n for n in dirs if n not in added]


def _remove(p):
    try:
        if os.path.isdir(p) and not os.path.islink(p):
            shutil.rmtree(p, ignore_errors=True)
        else:
            os.unlink(p)
    except OSError:
        pass
