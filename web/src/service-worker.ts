// The site's service worker, served as /sw.js. Its first line, written by
// the build (build/serviceworker.go), is self.loopscopeSite: what this
// build caches and a version that changes with any of it. A visitor who
// came once gets the playground, its runner and the docs with the network
// off, and a new deploy shows on the next load:
//   - pages and other unhashed files (examples.json, assets.json) come from
//     the network first, so a deploy's page is what loads while online; the
//     copy of the build this worker installed answers when offline;
//   - files under /assets/ are named by their content hash: cached, they
//     never go stale, so they are served from the cache first, whatever
//     their query (the runners' workers are asked for with their
//     parameters in it). A new page names new files, never an old runner
//     with new JavaScript. Runner builds (.wasm) are the exception: online,
//     they come through the browser's HTTP cache, beside which Chromium
//     keeps their compiled code; this worker's copy answers when offline.
// At install the worker caches the shell (pages, their scripts and styles,
// the runner's worker script) and, of the large files (the runner builds,
// Python's runtime), only those the visitor already downloaded: the rest are
// cached when first used, so a docs reader or a Go user downloads nothing
// more. A new build's worker takes over at once and drops every file the
// new build does not list.
export {};

interface SiteManifest {
  version: string;
  shell: string[]; // fetched at install
  lazy: string[]; // cached at install only if the HTTP cache has them
  dirs: string[]; // folders under /assets/ whose files this build keeps (Pyodide's)
}

declare const self: ServiceWorkerGlobalScope & { loopscopeSite: SiteManifest };

const site = self.loopscopeSite;
const BUILD_CACHE = `loopscope-${site.version}`;
const RUNTIME_CACHE = "loopscope-runtime";
const match: MultiCacheQueryOptions = { ignoreVary: true };

// Static routes (Chromium's InstallEvent.addRoutes) answer some requests
// without running this worker's script, so they do not wait for it to
// start or for its thread:
//   - a page races the network against the fetch handler: online, the
//     network's answer is used as soon as it comes; offline, the handler's
//     cached copy;
//   - the shell's hashed scripts and styles come straight from the cache
//     this worker filled at install (from the network if that copy is
//     gone), when asked for without a query: the route's cache lookup
//     counts the query, so with one (a runner's worker) it would miss and
//     go to the network, which fails offline.
// Runner builds and Python's files still pass through the fetch handler
// (see runnerBuild). A browser without the API gets the same answers from
// the fetch handler.
type RouterCondition = { urlPattern?: { pathname: string; search?: string }; requestMode?: RequestMode; or?: RouterCondition[] };
type RouterSource = "network" | "cache" | "fetch-event" | "race-network-and-fetch-handler" | { cacheName: string };
interface RoutingInstallEvent extends ExtendableEvent {
  addRoutes?(rules: { condition: RouterCondition; source: RouterSource }[]): Promise<void>;
}

function addStaticRoutes(e: RoutingInstallEvent): Promise<void> {
  const hashed = site.shell.filter((p) => p.startsWith("/assets/") && !p.endsWith(".wasm"));
  return (
    e.addRoutes?.([
      { condition: { requestMode: "navigate" }, source: "race-network-and-fetch-handler" },
      { condition: { or: hashed.map((pathname) => ({ urlPattern: { pathname, search: "" } })) }, source: { cacheName: BUILD_CACHE } },
    ]) ?? Promise.resolve()
  ).catch((err) => console.warn("Loopscope's service worker: no static routes:", err));
}

self.addEventListener("install", (e) => {
  e.waitUntil(
    (async () => {
      await addStaticRoutes(e);
      const cache = await caches.open(BUILD_CACHE);
      await cache.addAll(site.shell);
      await Promise.all(
        site.lazy.map(async (url) => {
          try {
            const res = await fetch(url, { cache: "only-if-cached", mode: "same-origin" });
            if (res.ok) await cache.put(url, res);
          } catch {
            // Not downloaded yet: cached when first used.
          }
        }),
      );
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (e) => {
  e.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("loopscope-") && name !== BUILD_CACHE && name !== RUNTIME_CACHE) await caches.delete(name);
      }
      const runtime = await caches.open(RUNTIME_CACHE);
      for (const req of await runtime.keys()) {
        if (!listed(new URL(req.url))) await runtime.delete(req);
      }
      // A page's request starts while this worker boots, instead of after:
      // pages come from the network first (networkFirst).
      await self.registration.navigationPreload?.enable().catch(() => {});
      await self.clients.claim();
    })(),
  );
});

// Whether this build has the file: hashed files of older builds go.
function listed(url: URL): boolean {
  if (!url.pathname.startsWith("/assets/")) return true; // unhashed: replaced when fetched
  const known = (u: string) => new URL(u, self.location.href).pathname === url.pathname;
  return site.shell.some(known) || site.lazy.some(known) || site.dirs.some((d) => url.pathname.startsWith(d));
}

self.addEventListener("fetch", (e) => {
  const req = e.request;
  const url = new URL(req.url);
  if (req.method !== "GET" || url.origin !== self.location.origin || url.pathname.startsWith("/api/") || req.headers.has("range")) return;
  if (url.pathname.startsWith("/assets/") && url.pathname.endsWith(".wasm")) e.respondWith(runnerBuild(e, req));
  else e.respondWith(url.pathname.startsWith("/assets/") ? cacheFirst(e, req) : networkFirst(e, req, url));
});

// A runner build comes from the browser's HTTP cache while online (it is
// immutable there: no request reaches the network), and from this worker's
// cache only when that fails. Chromium keeps a module's compiled code beside
// the HTTP cache entry it was streamed from, and looks for it there only if
// the response passed through: served from this worker's cache, a returning
// visitor's runner was compiled again every time (bench/README.md, "Where a
// cold start's time goes"). Once a program has run, though, V8 writes that
// entry minutes later if at all (bench/README.md, "Why the runner's
// compiled code is never cached"): this matters to long visits only.
// The cache is looked up while the request is on its way, not before: the
// runner is the long pole of a cold start.
async function runnerBuild(e: FetchEvent, req: Request): Promise<Response> {
  const hit = cached(req);
  try {
    const res = await fetch(req);
    if (res.ok) {
      if (!(await hit)) keep(e, req, res); // a copy for offline, made once
      return res;
    }
  } catch {
    // offline: the copy made at install or first use answers
  }
  return (await hit) ?? fetch(req);
}

// A hashed file's content is its name: a query (a worker's parameters)
// changes nothing of it, and the copy cached at install has none.
function hashed(url: URL): boolean {
  return url.pathname.startsWith("/assets/");
}

async function cached(req: Request | string, opts: CacheQueryOptions = {}): Promise<Response | undefined> {
  const url = new URL(typeof req === "string" ? req : req.url, self.location.href);
  const ignoreSearch = opts.ignoreSearch || hashed(url);
  for (const name of [BUILD_CACHE, RUNTIME_CACHE]) {
    const hit = await (await caches.open(name)).match(req, { ...match, ...opts, ignoreSearch });
    if (hit) return url.search && hashed(url) ? asRequested(hit) : hit;
  }
  return undefined;
}

// A copy whose URL is the request's: a worker's location is its script
// response's URL, and the runners' workers read their parameters from it.
function asRequested(res: Response): Response {
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers: res.headers });
}

function keep(e: FetchEvent, req: Request, res: Response) {
  if (!res.ok || res.type !== "basic") return;
  const copy = res.clone();
  // Hashed files are kept under their path alone: one copy whatever the query.
  const url = new URL(req.url);
  const key = hashed(url) && url.search ? url.origin + url.pathname : req;
  e.waitUntil(caches.open(RUNTIME_CACHE).then((c) => c.put(key, copy)).catch(() => {}));
}

async function cacheFirst(e: FetchEvent, req: Request): Promise<Response> {
  const hit = await cached(req);
  if (hit) return hit;
  const res = await fetch(req);
  keep(e, req, res);
  return res;
}

async function networkFirst(e: FetchEvent, req: Request, url: URL): Promise<Response> {
  try {
    const res = ((await e.preloadResponse.catch(() => undefined)) as Response | undefined) ?? (await fetch(req));
    // The shell stays as installed (it matches this build's files); other
    // files are kept for the next time the network is off.
    if (!site.shell.includes(url.pathname)) keep(e, req, res);
    return res;
  } catch (err) {
    const page = req.mode === "navigate";
    const hit = (await cached(req, { ignoreSearch: page })) ?? (page ? await cached(pageFor(url.pathname)) : undefined);
    if (hit) return hit;
    throw err;
  }
}

// The cached page that answers a route offline: short links and unknown
// paths open the playground, as the server routes them.
function pageFor(path: string): string {
  if (path === "/embed" || path === "/embed.html") return "/embed";
  if (path.startsWith("/docs/") && !path.endsWith("/")) return path + "/";
  return "/";
}
