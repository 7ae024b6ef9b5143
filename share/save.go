package share

import (
	"bytes"
	"context"
	"fmt"
)

// save stores doc under the shortest prefix of its content hash that is
// free or already holds doc, so equal programs share one id and a
// collision lengthens the new id instead of overwriting the old program.
func save(ctx context.Context, store Store, doc []byte) (string, error) {
	full := contentHash(doc)
	for n := MinIDLen; n <= len(full); n++ {
		id := full[:n]
		stored, err := store.PutIfAbsent(ctx, id, doc)
		if err != nil {
			return "", err
		}
		if bytes.Equal(stored, doc) {
			return id, nil
		}
	}
	return "", fmt.Errorf("share: every prefix of %s holds another document", full)
}
