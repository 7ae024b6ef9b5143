// `make test-web`: the unit tests, then the browser tests; passes their
// output through and ends with one line: "N passed, N failed".
import { spawn } from "node:child_process";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
let passed = 0;
let failed = 0;
let broken = false;

function run(script) {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [join(here, script)], { stdio: ["ignore", "pipe", "inherit"] });
    let tail = "";
    let sawCount = false;
    p.stdout.on("data", (chunk) => {
      process.stdout.write(chunk);
      tail += chunk.toString();
      const lines = tail.split("\n");
      tail = lines.pop() ?? "";
      for (const line of lines) {
        const m = /^# (pass|fail) (\d+)$/.exec(line);
        if (!m) continue;
        sawCount = true;
        if (m[1] === "pass") passed += Number(m[2]);
        else failed += Number(m[2]);
      }
    });
    p.on("exit", (code) => {
      if (code !== 0 && !sawCount) broken = true; // it died before reporting
      resolve(code ?? 1);
    });
  });
}

const unit = await run("run-unit.mjs");
const browser = await run(join("browser", "run.mjs"));
if (broken) failed += 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(unit === 0 && browser === 0 && failed === 0 ? 0 : 1);
