package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
)

// ensureNodeModules installs the front end's packages with `npm ci` when
// node_modules is missing (a fresh clone), so one command builds the site.
func ensureNodeModules(cfg config) error {
	if _, err := os.Stat(cfg.path("node_modules")); err == nil {
		return nil
	} else if !errors.Is(err, os.ErrNotExist) {
		return err
	}
	if _, err := os.Stat(cfg.path("package-lock.json")); err != nil {
		return fmt.Errorf("npm: node_modules is missing and there is no package-lock.json to install from")
	}
	fmt.Fprintln(os.Stderr, "build: node_modules is missing; running npm ci")
	cmd := exec.Command("npm", "ci", "--no-audit", "--no-fund")
	cmd.Dir = cfg.root
	cmd.Stdout = os.Stderr
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("npm ci: %v", err)
	}
	return nil
}
