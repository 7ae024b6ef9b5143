# Each run's own working directory. Pyodide's file system lives as long as
# the worker, so a file one run wrote was there for the next run to read,
# as if the programs had run one inside the other. A run starts in an empty
# directory, which is also where tempfile puts its files, and the directory
# goes with everything in it when the run ends; the interpreter goes back to
# the directory it was in (a program may have changed it).
import os
import shutil
import tempfile


def enter():
    """Moves into a new, empty directory; returns what leave() needs."""
    was = os.getcwd(), tempfile.tempdir
    path = tempfile.mkdtemp(prefix="run-")
    os.chdir(path)
    tempfile.tempdir = path
    return path, was


def leave(entered):
    """Goes back to where enter() was called, and removes the run's directory."""
    path, (home, tempdir) = entered
    tempfile.tempdir = tempdir
    os.chdir(home)
    shutil.rmtree(path, ignore_errors=True)
