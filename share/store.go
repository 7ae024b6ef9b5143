package share

import (
	"context"
	"errors"
)

// ErrNotFound is returned by Store.Get for an id that was never stored.
var ErrNotFound = errors.New("share: not found")

// Store keeps documents by id. Implementations must be safe for concurrent
// use.
type Store interface {
	// Get returns the document stored under id, or ErrNotFound.
	Get(ctx context.Context, id string) ([]byte, error)
	// PutIfAbsent stores doc under id unless id is taken, and returns what
	// id holds afterwards: doc, or the older document when id was taken.
	// It returns only once the result is durable, because the handler
	// answers 201 right after.
	PutIfAbsent(ctx context.Context, id string, doc []byte) (stored []byte, err error)
	// Close releases the store's resources.
	Close() error
}
