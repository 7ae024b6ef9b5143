// Loopscope's Python prelude (web/python/loopscope), bundled into the Python
// worker as text and written into Pyodide's site-packages at start.
import init from "../../python/loopscope/__init__.py";
import compat from "../../python/loopscope/compat.py";
import loop from "../../python/loopscope/loop.py";
import lost from "../../python/loopscope/lost.py";
import net from "../../python/loopscope/net.py";
import prims from "../../python/loopscope/prims.py";
import runner from "../../python/loopscope/runner.py";
import swallowed from "../../python/loopscope/swallowed.py";
import tasks from "../../python/loopscope/tasks.py";
import trace from "../../python/loopscope/trace.py";
import workdir from "../../python/loopscope/workdir.py";

export const preludeFiles: Record<string, string> = {
  "__init__.py": init, "compat.py": compat, "loop.py": loop, "lost.py": lost, "net.py": net,
  "prims.py": prims, "runner.py": runner, "swallowed.py": swallowed, "tasks.py": tasks, "trace.py": trace,
  "workdir.py": workdir,
};
