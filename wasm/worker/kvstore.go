//go:build js && wasm

package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/loopscope/loopscope/share"
	"github.com/syumai/workers/cloudflare/kv"
)

// kvMissing is what Namespace.GetString returns for a missing key: the
// JS null turned into text. A stored document is a JSON object, so it can
// never be this text.
const kvMissing = "<null>"

// kvStore keeps shares in Cloudflare KV. KV has no compare-and-swap, so
// PutIfAbsent is a read then a write; two different programs racing for the
// same 50-bit prefix at the same moment is the only case it gets wrong.
type kvStore struct {
	ns *kv.Namespace
}

func (s kvStore) Get(_ context.Context, id string) ([]byte, error) {
	v, err := s.ns.GetString(id, nil)
	if err != nil {
		return nil, fmt.Errorf("kv get %s: %w", id, err)
	}
	if v == kvMissing {
		return nil, share.ErrNotFound
	}
	return []byte(v), nil
}

// PutIfAbsent returns once KV accepted the write: KV stores it durably at
// the origin, though other edge locations may see it up to 60 s later.
func (s kvStore) PutIfAbsent(ctx context.Context, id string, doc []byte) ([]byte, error) {
	old, err := s.Get(ctx, id)
	if err == nil {
		return old, nil
	}
	if !errors.Is(err, share.ErrNotFound) {
		return nil, err
	}
	if string(doc) == kvMissing {
		return nil, fmt.Errorf("kv put %s: the document %q would read back as missing", id, kvMissing)
	}
	if err := s.ns.PutString(id, string(doc), nil); err != nil {
		return nil, fmt.Errorf("kv put %s: %w", id, err)
	}
	return doc, nil
}

func (kvStore) Close() error { return nil }
