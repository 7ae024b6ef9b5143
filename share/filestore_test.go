package share

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// TestPutIfAbsentRace has many writers claim one id with different
// documents at once: exactly one wins and everyone is told the winner.
func TestPutIfAbsentRace(t *testing.T) {
	store, err := OpenFileStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	ctx := context.Background()
	results := make([][]byte, 32)
	var wg sync.WaitGroup
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			stored, err := store.PutIfAbsent(ctx, "0123456789", []byte(fmt.Sprintf(`{"n":%d}`, i)))
			if err != nil {
				t.Error(err)
			}
			results[i] = stored
		}()
	}
	wg.Wait()
	winner, err := store.Get(ctx, "0123456789")
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range results {
		if !bytes.Equal(r, winner) {
			t.Errorf("writer %d was told %s, but %s is stored", i, r, winner)
		}
	}
	if _, err := store.Get(ctx, "abcdefghjk"); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing id: %v, want ErrNotFound", err)
	}
}

func TestFileStoreReopens(t *testing.T) {
	dir := t.TempDir()
	store, err := OpenFileStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := store.PutIfAbsent(ctx, "0123456789", []byte("kept")); err != nil {
		t.Fatal(err)
	}
	if err := store.Close(); err != nil {
		t.Fatal(err)
	}
	store, err = OpenFileStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if got, err := store.Get(ctx, "0123456789"); err != nil || string(got) != "kept" {
		t.Errorf("after reopening: %q, %v", got, err)
	}
}

func TestOpenFileStoreErrors(t *testing.T) {
	file := filepath.Join(t.TempDir(), "not-a-dir")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenFileStore(file); err == nil || !strings.Contains(err.Error(), "data directory") {
		t.Errorf("a file as the data directory: %v", err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, FileName), []byte("this is no database"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenFileStore(dir); err == nil || !strings.Contains(err.Error(), FileName) {
		t.Errorf("a corrupt database file: %v", err)
	}
}
