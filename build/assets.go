package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

// assets is the manifest of the files under /assets/: the name a page asks
// for ("playground.js", "wasm") and the content-hashed URL it gets.
type assets struct {
	dir  string            // the site directory being built
	urls map[string]string // name -> URL
}

func newAssets(dir string) *assets {
	return &assets{dir: dir, urls: map[string]string{}}
}

// contentHash names a file's content in its URL, so that the URL can be
// cached forever and changes whenever the content does.
func contentHash(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:5])
}

// addHashed writes data as assets/base-HASH.ext and records it under names.
func (a *assets) addHashed(base, ext string, data []byte, names ...string) (string, error) {
	file := base + "-" + contentHash(data) + ext
	if err := os.WriteFile(filepath.Join(a.dir, "assets", file), data, 0o644); err != nil {
		return "", err
	}
	url := "/assets/" + file
	for _, n := range names {
		if err := a.set(n, url); err != nil {
			return "", err
		}
	}
	return url, nil
}

func (a *assets) set(name, url string) error {
	if old, ok := a.urls[name]; ok && old != url {
		return fmt.Errorf("asset name %q is produced twice (%s and %s)", name, old, url)
	}
	a.urls[name] = url
	return nil
}

func (a *assets) url(name string) (string, bool) {
	u, ok := a.urls[name]
	return u, ok
}

// json is the manifest as dist/assets.json and the pages' meta tag carry it.
func (a *assets) json() []byte {
	keys := make([]string, 0, len(a.urls))
	for k := range a.urls {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	m := make(map[string]string, len(keys))
	for _, k := range keys {
		m[k] = a.urls[k]
	}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		panic(err) // a map of strings always marshals
	}
	return append(b, '\n')
}

func (a *assets) names() []string {
	keys := make([]string, 0, len(a.urls))
	for k := range a.urls {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// compactJSON is the manifest on one line, for the pages' meta tag.
func (a *assets) compactJSON() string {
	var b bytes.Buffer
	if err := json.Compact(&b, a.json()); err != nil {
		panic(err) // json() is valid JSON
	}
	return b.String()
}
