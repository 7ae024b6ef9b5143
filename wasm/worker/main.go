//go:build js && wasm

// Command worker is the share service on Cloudflare: the same handler as
// the local server, on a KV namespace. `make worker` builds it to
// build/app.wasm next to the JS shim from github.com/syumai/workers.
package main

import (
	"net/http"
	"strings"

	"github.com/loopscope/loopscope/share"
	"github.com/syumai/workers"
	"github.com/syumai/workers/cloudflare"
	"github.com/syumai/workers/cloudflare/kv"
)

// kvBinding is the KV namespace's binding name in wrangler.toml.
const kvBinding = "SHARES"

func main() {
	ns, err := kv.NewNamespace(kvBinding)
	if err != nil {
		// Without the binding every request fails the same way; say why.
		workers.Serve(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusInternalServerError)
			w.Write([]byte(`{"error":"the worker has no KV namespace bound as ` + kvBinding + `"}` + "\n"))
		}))
		return
	}
	workers.Serve(share.NewHandler(kvStore{ns}, share.Options{
		AllowedOrigins: splitList(cloudflare.Getenv("ALLOWED_ORIGINS")),
		// Each request runs a fresh instance, so an in-memory bucket would
		// never fill: rate limiting is the edge's job (a WAF rule).
		Writes:    share.NoLimit,
		Reads:     share.NoLimit,
		ClientKey: func(r *http.Request) string { return r.Header.Get("CF-Connecting-IP") },
	}))
}

// splitList reads a comma- or space-separated list.
func splitList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' })
}
