package share

import (
	"crypto/sha256"
	"encoding/base32"
	"fmt"
)

// idAlphabet is lowercase base32 without i, l, o and u, so an id read aloud
// or copied by hand is hard to get wrong.
const idAlphabet = "0123456789abcdefghjkmnpqrstvwxyz"

var idEncoding = base32.NewEncoding(idAlphabet).WithPadding(base32.NoPadding)

const (
	// MinIDLen is the length of a fresh id: 50 bits of the content hash.
	MinIDLen = 10
	// MaxIDLen is the whole hash; an id grows toward it only on collision.
	MaxIDLen = 52
)

// contentHash is the full-length id of a canonical document; the id of a
// share is its shortest free prefix of at least MinIDLen characters.
func contentHash(doc []byte) string {
	sum := sha256.Sum256(doc)
	return idEncoding.EncodeToString(sum[:])
}

// ParseID checks the {id} of GET /api/share/{id}.
func ParseID(id string) error {
	if len(id) < MinIDLen || len(id) > MaxIDLen {
		return fmt.Errorf("id must be %d to %d characters long, not %d", MinIDLen, MaxIDLen, len(id))
	}
	for i := 0; i < len(id); i++ {
		if !validIDByte(id[i]) {
			return fmt.Errorf("id may hold only digits and lowercase letters other than i, l, o, u; found %q at %d", id[i], i)
		}
	}
	return nil
}

func validIDByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' && c != 'i' && c != 'l' && c != 'o' && c != 'u'
}
