// A copy of the built site served by the test itself (routes and caching
// headers as build/static.go sets them), for tests that change its files or
// take it away: a deploy, a file that fails, the network going off.
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { base, repo } from "./harness.mjs";

const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
  ".json": "application/json", ".wasm": "application/wasm", ".svg": "image/svg+xml",
};

/** Copies the site under test (dist/, or $LOOPSCOPE_DIST) to a new folder; returns it and its asset map. */
export async function copySite() {
  const assets = await (await fetch(`${base}/assets.json`)).json();
  const dist = process.env.LOOPSCOPE_DIST ?? join(repo, "dist");
  assert.deepEqual(JSON.parse(readFileSync(join(dist, "assets.json"), "utf8")), assets, `${dist} holds the site under test`);
  const dir = mkdtempSync(join(tmpdir(), "loopscope-test-site-"));
  cpSync(dist, dir, { recursive: true, filter: (p) => !/\.(br|gz|map)$/.test(p) });
  return { dir, assets };
}

/**
 * Serves dir on a loopback port. broken: paths whose response is cut off
 * after its headers, as a dropped connection does.
 */
export function serveSite(dir, { broken = new Set() } = {}) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    let file = path === "/" || path.startsWith("/s/") ? "/index.html" : path === "/embed" ? "/embed.html" : path;
    if (file.endsWith("/")) file += "index.html";
    const full = join(dir, file);
    if (file.includes("..") || !existsSync(full) || statSync(full).isDirectory()) {
      res.writeHead(404, { "Content-Type": "text/plain" }).end("404 page not found\n");
      return;
    }
    const body = readFileSync(full);
    res.writeHead(200, {
      "Content-Type": TYPES[extname(file)] ?? "application/octet-stream",
      "Content-Length": body.length,
      "Cache-Control": file.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache",
    });
    if (broken.has(path)) {
      res.write(body.subarray(0, 1024), () => res.destroy());
      return;
    }
    res.end(body);
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const url = `http://127.0.0.1:${server.address().port}`;
      const stop = () => new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      });
      resolve({ url, stop });
    });
  });
}
