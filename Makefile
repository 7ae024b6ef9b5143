# Loopscope. `make serve` and `make test` are the two commands a newcomer needs.
GO ?= go
export GOTOOLCHAIN := local

.PHONY: test test-go serve run wasm bench worker

## test: everything CI runs (.ci/run calls this)
test: test-go

test-go:
	$(GO) vet ./...
	$(GO) test -race -count=1 ./...
