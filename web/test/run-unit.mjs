// Bundles the TypeScript unit tests with esbuild (Node 20 can't run TS) and
// runs them with node's test runner.
import { build } from "esbuild";
import { readdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { spawnSync } from "node:child_process";

const here = dirname(fileURLToPath(import.meta.url));
const unitDir = join(here, "unit");
const tests = readdirSync(unitDir).filter((f) => f.endsWith(".test.ts"));
const outdir = mkdtempSync(join(tmpdir(), "loopscope-unit-"));
try {
  await build({
    entryPoints: tests.map((f) => join(unitDir, f)),
    outdir,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outExtension: { ".js": ".mjs" },
    logLevel: "warning",
  });
  const files = tests.map((f) => join(outdir, f.replace(/\.ts$/, ".mjs")));
  const r = spawnSync(process.execPath, ["--test", ...files], { stdio: "inherit", cwd: unitDir });
  process.exitCode = r.status ?? 1;
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
