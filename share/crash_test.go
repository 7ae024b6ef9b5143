package share

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"
)

// crashServerEnv makes the test binary a share server on the file store in
// the directory it names (see TestMain), so a test can kill -9 it.
const crashServerEnv = "LOOPSCOPE_SHARE_CRASH_SERVER"

func TestMain(m *testing.M) {
	if dir := os.Getenv(crashServerEnv); dir != "" {
		serveForCrashTest(dir)
		return
	}
	os.Exit(m.Run())
}

func serveForCrashTest(dir string) {
	store, err := OpenFileStore(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	fmt.Println(ln.Addr())
	err = http.Serve(ln, NewHandler(store, Options{Writes: NoLimit, Reads: NoLimit}))
	fmt.Fprintln(os.Stderr, err)
	os.Exit(2)
}

// startServer runs the test binary as a server on dir and returns its
// base URL.
func startServer(t *testing.T, dir string) (*exec.Cmd, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), crashServerEnv+"="+dir)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatalf("server did not start: %v", err)
	}
	return cmd, "http://" + strings.TrimSpace(line)
}

type acked struct {
	id  string
	doc []byte
}

// TestCrashKeepsAcknowledgedShares kills the server with SIGKILL while
// writers are mid-stream, restarts it on the same data, and reads back
// every share that was answered 201.
func TestCrashKeepsAcknowledgedShares(t *testing.T) {
	dir := t.TempDir()
	server, base := startServer(t, dir)

	const writers = 8
	const killAfter = 400 // acknowledged shares before the kill
	var (
		mu     sync.Mutex
		got    []acked
		killed = make(chan struct{})
		wg     sync.WaitGroup
	)
	client := &http.Client{Timeout: 10 * time.Second}
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				// Sizes vary so that some commits span several pages.
				src := fmt.Sprintf("package main // writer %d share %d\n%s", w, i, strings.Repeat("// padding\n", (i*37+w*11)%600))
				body := fmt.Sprintf(`{"source":%q,"clock":"virtual"}`, src)
				resp, err := client.Post(base+"/api/share", "application/json", strings.NewReader(body))
				if err != nil {
					select {
					case <-killed:
						return // the server is gone, as planned
					default:
						t.Errorf("writer %d: %v before the kill", w, err)
						return
					}
				}
				reply, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				if err != nil || resp.StatusCode != http.StatusCreated {
					select {
					case <-killed:
						return // an answer cut short by the kill is no 201
					default:
						t.Errorf("writer %d: %d %s %v before the kill", w, resp.StatusCode, reply, err)
						return
					}
				}
				var id string
				if _, err := fmt.Sscanf(string(reply), `{"id":%q}`, &id); err != nil {
					t.Errorf("writer %d: reply %s: %v", w, reply, err)
					return
				}
				_, doc, err := ParseBody([]byte(body))
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				got = append(got, acked{id, doc})
				if len(got) == killAfter {
					close(killed)
					server.Process.Kill() // SIGKILL: no deferred close, no flush
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	server.Wait()
	select {
	case <-killed:
	default:
		t.Fatal("writers stopped before the kill")
	}
	if t.Failed() {
		return
	}

	_, base = startServer(t, dir)
	mu.Lock()
	defer mu.Unlock()
	for _, a := range got {
		resp, err := client.Get(base + "/api/share/" + a.id)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK || !bytes.Equal(body, a.doc) {
			t.Fatalf("acknowledged share %s after restart: %d %.80q %v", a.id, resp.StatusCode, body, err)
		}
	}
	t.Logf("%d acknowledged shares, all intact after kill -9 and restart", len(got))
}
