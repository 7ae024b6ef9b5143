package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"sync"

	"github.com/andybalholm/brotli"
)

// compressible are the types worth precompressing (images and fonts already
// are compressed).
var compressible = map[string]bool{
	".html": true, ".js": true, ".mjs": true, ".css": true, ".json": true, ".wasm": true,
	".map": true, ".svg": true, ".txt": true, ".xml": true, ".bin": true,
}

// minCompress: below this the headers cost more than compression saves.
const minCompress = 512

// compressSite writes a .br and a .gz sibling of every compressible file, at
// the strongest settings: they are made once and served many times. A
// sibling that would not be smaller is left out, and the server then sends
// the plain file. Results are cached by content, because brotli's best
// setting takes a while on the multi-megabyte wasm.
func compressSite(site string, cache string, fast bool) error {
	var files []string
	err := filepath.WalkDir(site, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && compressible[filepath.Ext(p)] {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return err
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var first error
	sem := make(chan struct{}, 2)
	for _, f := range files {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			if err := compressFile(f, cache, fast); err != nil {
				mu.Lock()
				if first == nil {
					first = err
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return first
}

func compressFile(path, cache string, fast bool) error {
	data, err := os.ReadFile(path)
	if err != nil || len(data) < minCompress {
		return err
	}
	sum := sha256.Sum256(data)
	quality := brotli.BestCompression
	if fast && len(data) >= fastAbove {
		quality = fastQuality
	} else if filepath.Ext(path) == ".bin" {
		quality = snapshotQuality
	}
	key := hex.EncodeToString(sum[:]) + "-q" + strconv.Itoa(quality)
	for _, enc := range []string{".br", ".gz"} {
		c, err := cached(cache, key+enc, func() ([]byte, error) { return encode(enc, data, quality) })
		if err != nil {
			return err
		}
		if len(c) >= len(data) {
			continue
		}
		if err := os.WriteFile(path+enc, c, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Brotli's best setting takes about three minutes on the 30 MB wasm and
// makes it 14% smaller than quality 5, which takes two seconds. The site
// that is deployed gets the best; -fast (the dev server) settles for 5 on
// large files.
const (
	fastAbove   = 1 << 20
	fastQuality = 5
)

// Python's memory snapshot (20 MB) is made again whenever the Python
// prelude changes: at quality 9 it compresses in seconds to 4.0 MB, where
// the best setting takes minutes for 3.4 MB.
const snapshotQuality = 9

func encode(enc string, data []byte, quality int) ([]byte, error) {
	var b bytes.Buffer
	if enc == ".br" {
		w := brotli.NewWriterOptions(&b, brotli.WriterOptions{Quality: quality, LGWin: 24})
		if _, err := w.Write(data); err != nil {
			return nil, err
		}
		err := w.Close()
		return b.Bytes(), err
	}
	w, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	if _, err := w.Write(data); err != nil {
		return nil, err
	}
	err := w.Close()
	return b.Bytes(), err
}

// cached returns the bytes stored under name in dir, or makes and stores
// them. A cache that cannot be written only costs time.
func cached(dir, name string, make func() ([]byte, error)) ([]byte, error) {
	if dir != "" {
		if b, err := os.ReadFile(filepath.Join(dir, name)); err == nil {
			return b, nil
		}
	}
	b, err := make()
	if err != nil || dir == "" {
		return b, err
	}
	if os.MkdirAll(dir, 0o755) == nil {
		if f, err := os.CreateTemp(dir, name+".*"); err == nil {
			_, werr := f.Write(b)
			if cerr := f.Close(); werr == nil && cerr == nil {
				os.Rename(f.Name(), filepath.Join(dir, name))
			} else {
				os.Remove(f.Name())
			}
		}
	}
	return b, nil
}

// compressCache is where compressed files are kept between builds.
func compressCache() string {
	d, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(d, "loopscope-build", "compressed")
}
