# Loopscope. `make serve` and `make test` are the two commands a newcomer needs.
GO ?= go
export GOTOOLCHAIN := local

.PHONY: test test-python test-web test-go serve watch run wasm bench worker test-share loadtest-share test-runner

## test: everything CI runs (.ci/run calls this)
test: test-go test-share test-runner test-python test-web

test-go:
	$(GO) vet ./...
	$(GO) test -race -count=1 ./...

## bench: core vs asyncio, uvloop and node, native and wasm, plus the playground; writes bench/results.json
bench: node_modules/.package-lock.json
	@/usr/bin/python3 -c "import uvloop" 2>/dev/null || apt-get install -y python3-uvloop
	$(GO) run ./bench/cmd/bench

## worker: the share service as a Cloudflare Worker, into wasm/worker/build (deploy: cd wasm/worker && npx wrangler deploy)
worker:
	$(GO) run github.com/syumai/workers/cmd/workers-assets-gen -mode=go -o wasm/worker/build
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags=-s -o wasm/worker/build/app.wasm ./wasm/worker

## test-share: the Worker answering on `wrangler dev --local`, and a few seconds of fuzzing per share fuzz target
test-share: worker
	npm ci --prefix wasm/worker --no-audit --no-fund
	GOOS=js GOARCH=wasm $(GO) vet ./wasm/worker
	$(GO) test -tags wrangler -count=1 ./wasm/worker
	@# Counts, not durations: a -fuzztime deadline can fail spuriously on Go 1.26 (golang/go#75804).
	$(GO) test ./share -run '^$$' -fuzz '^FuzzParseBody$$' -fuzztime 20000x
	$(GO) test ./share -run '^$$' -fuzz '^FuzzParseID$$' -fuzztime 20000x
	$(GO) test ./share -run '^$$' -fuzz '^FuzzRoundTrip$$' -fuzztime 2000x

## loadtest-share: share service on loopback, 10 s of POSTs then 30 s of GETs; prints req/s and p99
loadtest-share:
	$(GO) run ./share/loadtest -post-duration 10s -duration 30s

## wasm: the playground runner (ixgo + core) for the Web Worker, into dist/
wasm:
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' -o dist/loopscope.wasm ./wasm/playground

## run: run a program through the runner natively: make run FILE=prog.go [TRACE=out.json] [CLOCK=real]
run:
	$(GO) run ./wasm/runner/cmd/run -clock '$(or $(CLOCK),virtual)' $(if $(TRACE),-trace '$(TRACE)') '$(FILE)'

## test-runner: every example and hostile program in wasm under Node (interpreted, and precompiled for unchanged examples), against the golden files
test-runner:
	GOOS=js GOARCH=wasm $(GO) vet ./wasm/playground
	GOOS=js GOARCH=wasm $(GO) vet -tags loopscope_precompiled ./wasm/playground
	@# The precompiled examples natively (without -race, which moves the line Go gives a deferred call), then in wasm with the rest.
	$(GO) test -tags loopscope_precompiled -count=1 ./wasm/precompiled
	$(GO) test -tags wasmnode -count=1 ./wasm/playground

## test-python: Python mode's loop (web/python) under /usr/bin/python3, then in Pyodide under node: the pinned asyncio scenarios and the Python examples' golden traces (UPDATE_GOLDEN=1 rewrites those)
test-python: node_modules/.package-lock.json
	/usr/bin/python3 -m unittest discover -s web/python/tests
	node --test web/test/python/conformance.test.mjs web/test/python/examples.test.mjs web/test/python/recursion.test.mjs web/test/python/tick.test.mjs web/test/python/workdir.test.mjs

## test-web: the front end: type-check, unit tests (node), browser tests (playwright-core driving /usr/bin/chromium against `go run ./build -serve` on a random loopback port)
test-web:
	npm ci --no-audit --no-fund
	@test -x /usr/bin/chromium || (apt-get update && apt-get install -y chromium)
	npx tsc --noEmit -p web/tsconfig.json
	node web/test/run-all.mjs

## serve: build the site (npm ci first on a fresh clone) and serve it with the share API on http://127.0.0.1:8080
serve: node_modules/.package-lock.json
	$(GO) run ./build -fast -serve 127.0.0.1:8080

## watch: serve, and rebuild whenever core/, wasm/ or web/ changes
watch: node_modules/.package-lock.json
	$(GO) run ./build -fast -serve 127.0.0.1:8080 -watch

# npm ci writes node_modules/.package-lock.json: a checkout whose package-lock.json
# moved on (a dependency added since the last npm ci) gets its packages again,
# where testing only for the folder built with yesterday's packages.
node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund
