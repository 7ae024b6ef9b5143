// Package share is the short-link service: POST /api/share stores a program
// and answers with an id derived from its content; GET /api/share/{id} returns
// it. One net/http handler runs on two stores: a durable local file database
// (OpenFileStore, used by the dev server) and Cloudflare KV (wasm/worker).
package share
