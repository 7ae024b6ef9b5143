package main

import (
	"errors"
	"os"
	"path/filepath"
)

// config says where the repository is and where the site goes.
type config struct {
	root string // repository root (holds go.mod)
	out  string // output directory, absolute
	fast bool   // quick compression of large files, for local use
}

func (c config) path(elem ...string) string {
	return filepath.Join(append([]string{c.root}, elem...)...)
}

// repoRoot finds the directory holding go.mod, from the working directory up,
// so `go run ./build` works from anywhere in the repository.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod in the working directory or above: run from inside the repository")
		}
		dir = parent
	}
}

func absUnder(root, p string) string {
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(root, p)
}
