package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// rtChromium is the runtime column of the playground's numbers.
const rtChromium = "chromium"

// playgroundNames are reported as missing, with the reason, when the
// playground cannot be measured at all.
var playgroundNames = []string{
	"first_load_wasm_raw", "first_load_js_raw",
	"playground_cold_start", "playground_rerun_max", "playground_rerun_max_nonblocking", "timeline_draw_10k",
	"python_cold_start", "python_cached_start", "python_rerun_max", "python_in_go_first_load",
	"python_download_raw", "python_download_gzip", "python_download_brotli",
	"playground_cold_start_fresh", "playground_cold_start_returning", "playground_cold_start_edited_fresh",
	"playground_cold_start_fresh:gather_downloads", "playground_cold_start_returning:gather_downloads",
	"playground_cold_start_fresh_at_launch", "playground_cold_start_returning_at_launch",
	"loop_state_10k", "timeline_draw_1500_tasks", "timeline_draw_raster_10k", "playground_show_1500_tasks",
}

// measurePlayground builds the site into tmp with `go run ./build`, serves it
// on loopback and runs bench/node/playground.mjs against it in headless
// chromium. The server is stopped before returning.
func measurePlayground(tmp string) map[string]measurement {
	out, err := playground(tmp)
	if err != nil {
		cells := map[string]measurement{}
		for _, n := range playgroundNames {
			cells[n] = measurement{Missing: err.Error()}
		}
		return cells
	}
	return out
}

func playground(tmp string) (map[string]measurement, error) {
	for _, need := range []string{"/usr/bin/chromium", "node_modules/playwright-core", "node_modules/esbuild"} {
		if _, err := os.Stat(need); err != nil {
			return nil, fmt.Errorf("%s not found (run npm ci)", need)
		}
	}
	site := filepath.Join(tmp, "site")
	if b, err := exec.Command("go", "build", "-o", site, "./build").CombinedOutput(); err != nil {
		return nil, fmt.Errorf("building ./build failed: %s", lastLine(b, err))
	}
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	dist := filepath.Join(tmp, "dist")
	var log bytes.Buffer
	srv := exec.Command(site, "-out", dist, "-data", filepath.Join(tmp, "data"), "-serve", addr)
	srv.Stdout, srv.Stderr = &log, &log
	if err := srv.Start(); err != nil {
		return nil, fmt.Errorf("starting the site: %w", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- srv.Wait() }()
	defer func() {
		srv.Process.Kill()
		<-exited
	}()
	base := "http://" + addr
	if err := waitServing(base, exited, &log); err != nil {
		return nil, err
	}

	// A visitor's cold starts (20 visits in new browser profiles: minutes on a
	// busy machine), Go's numbers and then Python mode's (Pyodide loads twice).
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
	defer cancel()
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, "node", filepath.Join("bench", "node", "playground.mjs"), base, dist)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("playground.mjs: %s", lastLine(stderr.Bytes(), err))
	}
	var rep report
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
		return nil, fmt.Errorf("playground.mjs: unreadable output: %w", err)
	}
	cells := map[string]measurement{}
	for w, m := range rep.Results {
		cells[w] = m
	}
	for w, reason := range rep.Missing {
		cells[w] = measurement{Missing: reason}
	}
	for _, n := range playgroundNames {
		if _, ok := cells[n]; !ok {
			cells[n] = measurement{Missing: "playground.mjs did not report it"}
		}
	}
	return cells, nil
}

// freeAddr is a loopback address with a port nothing listens on now.
func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// waitServing waits for the site to answer (it builds first), or for the
// server to exit, whose output then says why.
func waitServing(base string, exited chan error, log *bytes.Buffer) error {
	deadline := time.Now().Add(4 * time.Minute)
	for time.Now().Before(deadline) {
		select {
		case err := <-exited:
			exited <- err // for the caller's deferred wait
			return fmt.Errorf("go run ./build failed (%v): %s", err, lastLine(log.Bytes(), err))
		case <-time.After(500 * time.Millisecond):
		}
		if res, err := http.Get(base + "/assets.json"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return nil
			}
		}
	}
	return fmt.Errorf("the site did not answer within 4 minutes")
}
