package main

import (
	"fmt"
	"strings"
)

// contentSecurityPolicy allows only the site's own files. Go's wasm needs
// 'wasm-unsafe-eval' (compiling WebAssembly, nothing else) and the runner
// lives in a worker from the site. Styles may be inline because CodeMirror
// writes its theme into <style> elements at run time; scripts may not.
const contentSecurityPolicy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; " +
	"style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
	"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'"

// embedFrameAncestors: /embed exists to be framed by other sites' docs.
const embedFrameAncestors = "frame-ancestors *"

func cspFor(path string) string {
	if path == "/embed" || path == "/embed.html" {
		return strings.Replace(contentSecurityPolicy, "frame-ancestors 'self'", embedFrameAncestors, 1)
	}
	return contentSecurityPolicy
}

// Hashed files never change, so browsers may keep them forever; everything
// else is revalidated so a deploy shows at once.
const (
	cacheImmutable   = "public, max-age=31536000, immutable"
	cacheRevalidate  = "no-cache"
	hashedAssetsPath = "/assets/"
)

// spaRoutes are the paths the playground's pages answer (besides files):
// the short links /s/{id} open the playground, which reads the id.
var spaRoutes = []struct{ pattern, file string }{
	{"/", "/index.html"},
	{"/embed", "/embed.html"},
	{"/s/*", "/index.html"},
}

// hostHeaders is the same policy as the dev server's, as a _headers file
// for static hosts that read one (Cloudflare Pages, Netlify).
func hostHeaders() []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "/*\n  Content-Security-Policy: %s\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: strict-origin-when-cross-origin\n  Cache-Control: %s\n", contentSecurityPolicy, cacheRevalidate)
	fmt.Fprintf(&b, "/embed\n  ! Content-Security-Policy\n  Content-Security-Policy: %s\n", cspFor("/embed"))
	fmt.Fprintf(&b, "%s*\n  ! Cache-Control\n  Cache-Control: %s\n", hashedAssetsPath, cacheImmutable)
	return []byte(b.String())
}

// hostRedirects rewrites the playground's routes to its pages for static
// hosts (a 200 rewrite, not a redirect).
func hostRedirects() []byte {
	var b strings.Builder
	for _, r := range spaRoutes {
		if r.pattern != "/" {
			fmt.Fprintf(&b, "%s %s 200\n", r.pattern, r.file)
		}
	}
	return []byte(b.String())
}
