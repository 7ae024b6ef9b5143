//go:build wrangler

// This test needs Node and the npm packages of this directory and a built
// worker: `make test-share` runs npm ci and `make worker` first.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/loopscope/loopscope/share"
)

// freePort asks the kernel for a loopback port nobody holds.
func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// startWrangler runs `wrangler dev --local` on 127.0.0.1 with KV kept in
// stateDir and waits until the worker answers.
func startWrangler(t *testing.T, stateDir string) (base string, stop func()) {
	t.Helper()
	for _, need := range []string{"node_modules/.bin/wrangler", "build/app.wasm", "build/worker.mjs"} {
		if _, err := os.Stat(need); err != nil {
			t.Fatalf("%s is missing: run `make worker` and `npm ci --prefix wasm/worker` (make test-share does both)", need)
		}
	}
	port, inspector := freePort(t), freePort(t)
	cmd := exec.Command("node_modules/.bin/wrangler", "dev", "--local",
		"--ip", "127.0.0.1", "--port", fmt.Sprint(port), "--inspector-port", fmt.Sprint(inspector),
		"--persist-to", stateDir, "--show-interactive-dev-session=false", "--log-level", "warn",
		"--var", "ALLOWED_ORIGINS:https://docs.example.org")
	cmd.Env = append(os.Environ(), "WRANGLER_SEND_METRICS=false", "NO_COLOR=1")
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	// wrangler starts workerd as a child: a process group stops both.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	stopped := false
	stop = func() {
		if stopped {
			return
		}
		stopped = true
		syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-exited
		}
	}
	t.Cleanup(stop)

	base = fmt.Sprintf("http://127.0.0.1:%d", port)
	deadline := time.Now().Add(90 * time.Second)
	for {
		resp, err := http.Get(base + "/api/share/0123456789")
		if err == nil {
			resp.Body.Close()
			return base, stop
		}
		select {
		case <-exited:
			t.Fatalf("wrangler dev exited:\n%s", logs.String())
		case <-time.After(250 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("wrangler dev did not answer within 90 s:\n%s", logs.String())
		}
	}
}

type reply struct {
	status int
	header http.Header
	body   string
}

func call(t *testing.T, method, url, body string, headers ...string) reply {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return reply{resp.StatusCode, resp.Header, string(b)}
}

// localID is the id the local server gives body: the Worker must agree.
func localID(t *testing.T, body string) string {
	t.Helper()
	store, err := share.OpenFileStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	srv := &http.Server{Handler: share.NewHandler(store, share.Options{})}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	defer srv.Close()
	rep := call(t, "POST", "http://"+ln.Addr().String()+"/api/share", body)
	var v struct{ ID string }
	if rep.status != 201 || json.Unmarshal([]byte(rep.body), &v) != nil {
		t.Fatalf("local POST: %d %s", rep.status, rep.body)
	}
	return v.ID
}

func TestWorkerOnWranglerDev(t *testing.T) {
	state := t.TempDir()
	base, stop := startWrangler(t, state)
	api := base + "/api/share"

	body := `{"source":"package main\n\nfunc main() { println(\"hi\") }\n","clock":"real","example":"hello"}`
	rep := call(t, "POST", api, body, "Content-Type", "application/json")
	if rep.status != 201 {
		t.Fatalf("POST: %d %s", rep.status, rep.body)
	}
	var created struct{ ID string }
	if err := json.Unmarshal([]byte(rep.body), &created); err != nil {
		t.Fatal(err)
	}
	if want := localID(t, body); created.ID != want {
		t.Errorf("worker id %s, local server id %s", created.ID, want)
	}
	if rep.header.Get("Location") != "/api/share/"+created.ID {
		t.Errorf("Location %q", rep.header.Get("Location"))
	}
	want := `{"source":"package main\n\nfunc main() { println(\"hi\") }\n","clock":"real","example":"hello"}`
	rep = call(t, "GET", api+"/"+created.ID, "")
	if rep.status != 200 || rep.body != want || rep.header.Get("Content-Type") != "application/json" {
		t.Fatalf("GET %s: %d %q %v", created.ID, rep.status, rep.body, rep.header)
	}
	again := call(t, "POST", api, `{"clock":"real","example":"hello","source":"package main\n\nfunc main() { println(\"hi\") }\n"}`)
	if again.status != 201 || !strings.Contains(again.body, created.ID) {
		t.Errorf("same program again: %d %s, want id %s", again.status, again.body, created.ID)
	}

	// A Python program: its own id (the language is part of the document),
	// the same one the local server gives, and its language read back.
	pyBody := `{"source":"package main\n\nfunc main() { println(\"hi\") }\n","clock":"real","example":"hello","lang":"python"}`
	py := call(t, "POST", api, pyBody)
	var pyCreated struct{ ID string }
	if py.status != 201 || json.Unmarshal([]byte(py.body), &pyCreated) != nil || pyCreated.ID == created.ID || pyCreated.ID != localID(t, pyBody) {
		t.Errorf("Python program: %d %s (Go id %s, local id %s)", py.status, py.body, created.ID, localID(t, pyBody))
	} else if got := call(t, "GET", api+"/"+pyCreated.ID, ""); got.body != pyBody {
		t.Errorf("Python program reads back as %s", got.body)
	}

	// KV answers a missing key with null, which GetString turns into text.
	errorCases := []struct {
		method, path, body string
		status             int
		want               string
	}{
		{"GET", "/api/share/0123456789", "", 404, "no program is shared"},
		{"GET", "/api/share/nope", "", 400, "bad id"},
		{"GET", "/api/share", "", 405, "not allowed"},
		{"POST", "/api/share", `{"source":`, 400, "not the expected JSON"},
		{"POST", "/api/share", `{"source":""}`, 400, "empty program"},
		{"POST", "/api/share", `{"source":"` + strings.Repeat("x", share.MaxSourceBytes+1) + `"}`, 413, "64 KiB"},
	}
	for _, c := range errorCases {
		rep := call(t, c.method, base+c.path, c.body)
		if rep.status != c.status || !strings.Contains(rep.body, c.want) || rep.header.Get("Content-Type") != "application/json" {
			t.Errorf("%s %s: %d %s, want %d mentioning %q", c.method, c.path, rep.status, rep.body, c.status, c.want)
		}
	}

	rep = call(t, "OPTIONS", api, "", "Origin", "https://docs.example.org", "Access-Control-Request-Method", "POST")
	if rep.status != 204 || rep.header.Get("Access-Control-Allow-Origin") != "https://docs.example.org" {
		t.Errorf("preflight from the configured origin: %d %v", rep.status, rep.header)
	}

	// The share outlives the worker: restart on the same KV state.
	stop()
	base, _ = startWrangler(t, state)
	rep = call(t, "GET", base+"/api/share/"+created.ID, "")
	if rep.status != 200 || rep.body != want {
		t.Errorf("GET after restart: %d %q", rep.status, rep.body)
	}
}
