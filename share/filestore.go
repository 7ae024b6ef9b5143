//go:build !js

package share

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
)

// FileName is the database file OpenFileStore keeps in its directory.
const FileName = "shares.db"

var bucketName = []byte("shares")

// fileStore keeps shares in a bbolt database: one file, copy-on-write
// B+tree pages, and an fsync of every commit before it returns, so a 201
// survives kill -9 and power loss.
type fileStore struct {
	db *bolt.DB
}

// OpenFileStore opens (creating if needed) the share database in dir. Only
// one process may hold it open; a second one waits up to 5 s, then fails.
func OpenFileStore(dir string) (Store, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("share: creating data directory: %w", err)
	}
	path := filepath.Join(dir, FileName)
	db, err := bolt.Open(path, 0o644, &bolt.Options{Timeout: 5 * time.Second})
	if err != nil {
		return nil, fmt.Errorf("share: opening %s: %w", path, err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		_, err := tx.CreateBucketIfNotExists(bucketName)
		return err
	})
	if err == nil {
		err = syncDir(dir)
	}
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("share: preparing %s: %w", path, err)
	}
	// bbolt's 10 ms default would make a lone writer wait that long per
	// share; 2 ms still lets a burst of writers share one fsync.
	db.MaxBatchDelay = 2 * time.Millisecond
	return &fileStore{db: db}, nil
}

func (s *fileStore) Get(_ context.Context, id string) ([]byte, error) {
	var doc []byte
	err := s.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketName).Get([]byte(id))
		if v == nil {
			return ErrNotFound
		}
		doc = append([]byte(nil), v...) // v lives only as long as tx
		return nil
	})
	return doc, err
}

// PutIfAbsent goes through db.Batch, which commits the writes of many
// concurrent requests with one fsync. Batch may run the function twice, so
// it must be idempotent, which put-if-absent is.
func (s *fileStore) PutIfAbsent(_ context.Context, id string, doc []byte) ([]byte, error) {
	var stored []byte
	err := s.db.Batch(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketName)
		if v := b.Get([]byte(id)); v != nil {
			stored = append([]byte(nil), v...)
			return nil
		}
		stored = doc
		return b.Put([]byte(id), doc)
	})
	if err != nil {
		return nil, err
	}
	return stored, nil
}

func (s *fileStore) Close() error { return s.db.Close() }

// syncDir makes a newly created database file's directory entry durable;
// bbolt syncs the file's contents but not the directory.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
