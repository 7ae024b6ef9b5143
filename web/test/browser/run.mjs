// Runs the browser tests: serves the built site with `go run ./build -serve`
// on a random loopback port (unless LOOPSCOPE_URL points at one), runs
// every *.test.mjs here with node's test runner, then stops the server.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { readdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, "..", "..", "..");

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitUp(url, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the site did not come up at ${url} within ${ms / 1000} s`);
}

let server;
let url = process.env.LOOPSCOPE_URL;
if (!url) {
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  server = spawn("go", ["run", "./build", "-serve", `127.0.0.1:${port}`, "-data", join(repo, "test-artifacts", "share-data")], {
    cwd: repo, stdio: ["ignore", "inherit", "inherit"], detached: true,
  });
  server.on("exit", (code) => {
    if (code !== null && code !== 0) console.error(`the site server exited with ${code}`);
  });
}
const stop = () => {
  if (server && server.exitCode === null) {
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
};
process.on("exit", stop);
process.on("SIGINT", () => process.exit(130));

let code = 1;
try {
  await waitUp(`${url}/examples.json`, 480_000); // the build checks every example first
  const files = readdirSync(here).filter((f) => f.endsWith(".test.mjs")).map((f) => join(here, f));
  const args = ["--test", "--test-concurrency=1", ...process.argv.slice(2), ...files];
  code = await new Promise((resolve) => {
    const p = spawn(process.execPath, args, { stdio: "inherit", env: { ...process.env, LOOPSCOPE_URL: url } });
    p.on("exit", (c) => resolve(c ?? 1));
  });
} catch (e) {
  console.error(String(e?.message ?? e));
} finally {
  stop();
}
process.exit(code);
