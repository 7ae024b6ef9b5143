// Registers the site's service worker (service-worker.ts, served as
// /sw.js), which keeps the site for the next visit, offline included. Pages
// call it once they have what they came for (the runner loaded and the first
// run done, or the docs page shown), so that its install, which fetches the
// rest of the site, never competes with a cold start.
export function registerOffline() {
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  const register = () => {
    navigator.serviceWorker.register("/sw.js", { scope: "/", updateViaCache: "none" }).catch(() => {
      // No offline copy (private mode, storage full): the site works as before.
    });
  };
  if ("requestIdleCallback" in window) requestIdleCallback(register, { timeout: 2000 });
  else setTimeout(register, 0);
}
